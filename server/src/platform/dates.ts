/** Calendar arithmetic on YYYY-MM-DD days (Asia/Shanghai, UTC+8 without DST). */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The Asia/Shanghai day of an instant. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The hour (0–23) of `at` in Asia/Shanghai. */
export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 00:00 Asia/Shanghai of `day`, as an instant. */
export function shanghaiMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}
