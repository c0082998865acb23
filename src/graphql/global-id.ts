import { InvalidInputError } from '../errors.js'

/** The types `node(id:)` can fetch; each has a `databaseId` equal to its REST id. */
export const nodeTypes = ['Edition', 'Category', 'Author', 'Tag', 'Article', 'Media', 'Gallery', 'Page', 'Menu'] as const
export type NodeType = typeof nodeTypes[number]

const isNodeType = (name: string): name is NodeType => (nodeTypes as readonly string[]).includes(name)
const databaseIdPattern = /^[1-9][0-9]{0,15}$/

/** Relay-style global id: base64url of `Type:databaseId`. Opaque to clients, stable across restarts. */
export function toGlobalId (type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url')
}

/**
 * The type and database id inside a global id, or null when the string is not one this server
 * issued. Only the canonical encoding is accepted, so one object has exactly one id.
 */
export function fromGlobalId (globalId: string): { type: NodeType, id: number } | null {
  if (globalId.length > 64) return null
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8')
  const separator = decoded.indexOf(':')
  if (separator < 0) return null
  const type = decoded.slice(0, separator)
  const digits = decoded.slice(separator + 1)
  if (!isNodeType(type) || !databaseIdPattern.test(digits)) return null
  const id = Number(digits)
  if (!Number.isSafeInteger(id) || toGlobalId(type, id) !== globalId) return null
  return { type, id }
}

/** A global id argument that must name an object of `type`; anything else is the client's mistake. */
export function databaseIdOf (globalId: string, type: NodeType, argument = 'id'): number {
  const parsed = fromGlobalId(globalId)
  if (parsed === null || parsed.type !== type) {
    throw new InvalidInputError(`Argument "${argument}" is not the id of a ${type}.`, [{ name: argument, reason: `is not a ${type} id` }])
  }
  return parsed.id
}
