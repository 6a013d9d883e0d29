/** The one source of time. Tests pin it with `fixedClock` or move it with `manualClock`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers `at`. */
export function fixedClock(at: Date | string | number): Clock {
  const ms = new Date(at).getTime();
  return { now: () => new Date(ms) };
}

/** A clock tests move by hand. */
export function manualClock(start: Date | string | number = Date.now()): Clock & { set(at: Date | string | number): void; advance(ms: number): void } {
  let ms = new Date(start).getTime();
  return {
    now: () => new Date(ms),
    set(at) {
      ms = new Date(at).getTime();
    },
    advance(delta) {
      ms += delta;
    },
  };
}
