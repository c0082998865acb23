import { InvalidInputError } from '../errors.js'
import { databaseIdOf, type NodeType } from './global-id.js'

type Maybe<T> = T | null | undefined
const given = <T> (value: Maybe<T>): value is T => value !== null && value !== undefined

/**
 * The two ways a single-object field names its object, `x(id:)` or `x(edition:, slug:)`: exactly
 * one of them, or the client is told which arguments go together.
 */
export function lookupOf (type: NodeType, args: { id?: Maybe<string>, edition?: Maybe<string>, slug?: Maybe<string> }): { id: number } | { edition: string, slug: string } {
  if (given(args.id) && !given(args.edition) && !given(args.slug)) return { id: databaseIdOf(args.id, type) }
  if (!given(args.id) && given(args.edition) && given(args.slug)) return { edition: args.edition, slug: args.slug }
  throw new InvalidInputError('Pass either "id", or "edition" and "slug".', [{ name: 'id', reason: 'or edition and slug' }])
}
