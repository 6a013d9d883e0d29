/**
 * The first problem a shared zod schema found, when it is worded for people (the schemas' own
 * refinements are in Chinese; zod's built-in messages are English developer text) — else `fallback`.
 */
export function firstReadableMessage(issues: readonly { message: string }[], fallback: string): string {
  const message = issues[0]?.message ?? '';
  return /[\u4e00-\u9fff]/.test(message) ? message : fallback;
}
