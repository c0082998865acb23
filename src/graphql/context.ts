import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Principal } from '../auth/principal.js'
import type { CursorCodec } from '../pagination/cursor.js'
import type DataLoader from 'dataloader'

/**
 * Results shared by the loaders of one request: two loaders that need the same batch (the
 * category links behind `categories` and `primaryCategory`, the bodies behind `body` and
 * `excerpt`) run it once. Keys name the batch and its ids, so a different level of the query
 * (other ids) runs its own.
 */
export class RequestMemo {
  readonly #values = new Map<string, unknown>()

  get<T> (name: string, ids: readonly number[], load: () => T): T {
    const key = `${name}:${ids.join(',')}`
    if (this.#values.has(key)) return this.#values.get(key) as T
    const value = load()
    this.#values.set(key, value)
    return value
  }
}

/** A request's DataLoaders, by field and arguments (graphql/loaders.ts). */
export type RequestBatches = Map<string, DataLoader<object, unknown>>

/** The cost budget of one HTTP request, shared by every operation of a batch. */
export interface CostBudget { spent: number }

/**
 * The services resolvers and loaders call. Declared empty here and filled in by the composition
 * root (services.ts augments it with the services it builds, as fastify plugins augment
 * FastifyInstance), so this file — which generated.ts imports — imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ContextServices {}

/** What each resolver and loader receives; services are the app's one set, never rebuilt per request. */
export interface GraphQLContext {
  services: ContextServices
  cursors: CursorCodec
  memo: RequestMemo
  /** The request's loader batches (loaders.ts). */
  batches: RequestBatches
  budget: CostBudget
  reply: FastifyReply
  app: FastifyInstance
  /** The API key of the request (resolved by http/auth.ts, as for REST), or null for the public. */
  principal: Principal | null
  /** REQUIRE_IF_MATCH: update, delete and workflow mutations must pass `expectedVersion`. */
  requireExpectedVersion: boolean
  operationsCount?: number
  operationId?: number
}
