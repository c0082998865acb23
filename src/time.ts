export type Clock = () => Date

export const toIso = (ms: number): string => new Date(ms).toISOString()
export const toIsoOrNull = (ms: number | null): string | null => ms === null ? null : new Date(ms).toISOString()
