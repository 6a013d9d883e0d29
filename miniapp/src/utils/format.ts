/** Display formatting. Times are shown in China Standard Time, where the product's users are. */

const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** 2025-03-08T06:05:00Z → 2025-03-08 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const parts = Object.fromEntries(dateTimeFormat.formatToParts(date).map((p) => [p.type, p.value]));
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}`;
}

/** 2026-12-14T16:00:00Z → 2026-12-15 (the calendar day in China Standard Time) */
export function formatDate(iso: string | null | undefined): string {
  const dateTime = formatDateTime(iso);
  return dateTime === '—' ? dateTime : dateTime.slice(0, 10);
}

/** Hours since a review started → 已等待 … */
export function formatWaiting(hours: number): string {
  if (!Number.isFinite(hours) || hours < 1) return '已等待不到 1 小时';
  const whole = Math.floor(hours);
  if (whole < 24) return `已等待 ${whole} 小时`;
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  return rest === 0 ? `已等待 ${days} 天` : `已等待 ${days} 天 ${rest} 小时`;
}

/** Reviews waiting at least this long are shown as urgent. */
export const LONG_WAIT_HOURS = 24;

/** Seconds → m:ss (or h:mm:ss). */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** 12345 ms → 12.3 秒 */
export function formatLatency(ms: number): string {
  return `${(ms / 1000).toFixed(1)} 秒`;
}

/** Scores have one decimal at most; show them without trailing zeros. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return String(Math.round(score * 10) / 10);
}

/** 0.25 → 25% */
export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
