/** How long a session lasts: ended after 30 idle minutes or 12 hours, with a warning 5 minutes before. */
export const sessionRules = { idleMinutes: 30, absoluteHours: 12, warningMinutes: 5 } as const;
