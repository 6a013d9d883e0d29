/** Client versions that have `requestAuthCode` (runtime.permission.requestAuthCodeV2), per dingtalk-jsapi 3.2.9. */
const AUTH_CODE_V2_MIN_VERSION: Record<string, string> = {
  ios: '7.0.45',
  android: '7.0.45',
  pc: '7.0.50',
  harmony: '7.0.0',
};

/** Numeric, dot-separated comparison: negative when a < b. Non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** True/false when the client's version tells; null when it does not (unknown platform or version). */
export function supportsAuthCodeV2(platform: string, version: string | undefined): boolean | null {
  const min = AUTH_CODE_V2_MIN_VERSION[platform];
  if (min === undefined || !version) return null;
  return compareVersions(version, min) >= 0;
}
