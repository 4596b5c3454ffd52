/**
 * The clock, built once in the composition root and passed in: services ask it for "now" rather than calling
 * `new Date()`, so that a test can fix the time. The domain takes no clock: it is given a date.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant, for tests. */
export const fixedClock = (instant: Date | string): Clock => {
  const at = new Date(instant);
  return { now: () => new Date(at) };
};
