/** The instant the template database is seeded at and test apps run at, so visibility is deterministic. */
export const TEST_NOW = new Date('2026-06-01T12:00:00.000Z')
export const fixedClock = (at: Date = TEST_NOW) => () => at
