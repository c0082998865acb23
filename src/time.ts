import { InvalidInputError } from './errors.js'

export type Clock = () => Date

export const toIso = (ms: number): string => new Date(ms).toISOString()
export const toIsoOrNull = (ms: number | null): string | null => ms === null ? null : new Date(ms).toISOString()

// RFC 3339 §5.6 date-time: a zone is required (Z or ±hh:mm), fractions of any length, T or t.
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/

/**
 * The one rule every date-time input is read by (REST filters and bodies, the GraphQL DateTime
 * scalar, search): an RFC 3339 date-time with a zone, checked against the calendar (no 30
 * February, no hour 24), as epoch milliseconds; null when the text is not one. A leap second
 * (:60) is read as the first instant of the next minute, as POSIX time does. Date.parse is not
 * used: it accepts forms RFC 3339 does not, and refuses a leap second the REST validator lets in.
 */
export function parseInstant (text: string): number | null {
  const m = rfc3339.exec(text)
  if (m === null) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const offsetHours = m[9] === undefined ? 0 : Number(m[9])
  const offsetMinutes = m[10] === undefined ? 0 : Number(m[10])
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return null
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, second, Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')))
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000 * (m[8] === '-' ? -1 : 1)
  return utc.getTime() - offset
}

/** parseInstant for an input that must be one: a clear 400 naming the field otherwise. */
export function requireInstant (text: string, name: string): number {
  const ms = parseInstant(text)
  if (ms === null) throw new InvalidInputError(`${name} is not an RFC 3339 date-time.`, [{ name, reason: 'must be an RFC 3339 date-time with a zone, e.g. 2026-05-31T09:30:00Z' }])
  return ms
}
