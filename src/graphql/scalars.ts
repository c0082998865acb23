import type { ValueNode } from 'graphql'
import { parseInstant } from '../time.js'
import { graphqlJs } from './graphql-js.js'

const { GraphQLError, Kind } = graphqlJs

// the date-time rule REST's filters and bodies are read by (time.ts parseInstant)
function parseDateTime (value: unknown): string {
  const ms = typeof value === 'string' ? parseInstant(value) : null
  if (ms === null) throw new GraphQLError('DateTime must be an RFC 3339 timestamp with a zone, e.g. 2026-05-31T09:30:00Z.')
  return new Date(ms).toISOString()
}

/**
 * The DateTime scalar's behaviour (its description lives in schema.graphql). Services already
 * hand out ISO strings; inputs are normalised to UTC ISO strings before a service sees them.
 */
export const dateTimeScalar = {
  serialize (value: unknown): string {
    if (typeof value === 'string') return value
    if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString()
    if (value instanceof Date) return value.toISOString()
    throw new GraphQLError('DateTime cannot represent this value.')
  },
  parseValue: parseDateTime,
  parseLiteral (node: ValueNode): string {
    if (node.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.', { nodes: node })
    return parseDateTime(node.value)
  }
}

export type DirectionValue = 'LTR' | 'RTL'
export const toDirection = (direction: 'ltr' | 'rtl'): DirectionValue => direction === 'rtl' ? 'RTL' : 'LTR'

/** `EDITION` ⇄ `edition`: the schema's enum values are the service values in capitals. */
export const toEnum = <T extends string> (value: T): Uppercase<T> => value.toUpperCase() as Uppercase<T>
export const fromEnum = <T extends string> (value: T): Lowercase<T> => value.toLowerCase() as Lowercase<T>
