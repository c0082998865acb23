import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'

const Link = Type.Object({ href: Type.String(), templated: Type.Optional(Type.Boolean()) }, { additionalProperties: false })

export const ApiIndex = Type.Object({
  name: Type.String(),
  version: Type.String(),
  links: Type.Object({
    self: Link,
    docs: Link,
    openapi: Link,
    graphql: Link,
    graphiql: Type.Union([Link, Type.Null()]),
    feeds: Type.Array(Link),
    sitemap: Link,
    health: Type.Object({ live: Link, ready: Link }, { additionalProperties: false })
  }, { additionalProperties: false })
}, { additionalProperties: false })

export interface ApiIndexOptions { baseUrl: string, version: string, graphiql: boolean }

/**
 * `GET /`: what a newcomer (or a crawler, or a WordPress/Ghost client probing the root) finds
 * instead of a 404 — the name, the version and where everything lives. Templated links use RFC 6570
 * placeholders, as the WordPress REST index does. It is a public GET, so caching.ts makes it
 * cacheable like any other.
 */
export function registerApiIndex (app: FastifyInstance, { baseUrl, version, graphiql }: ApiIndexOptions): void {
  const at = (path: string, templated = false): Static<typeof Link> => templated ? { href: baseUrl + path, templated } : { href: baseUrl + path }
  const body: Static<typeof ApiIndex> = {
    name: 'Quire content API',
    version,
    links: {
      self: at('/'),
      docs: at('/docs'),
      openapi: at('/openapi.json'),
      graphql: at('/graphql'),
      graphiql: graphiql ? at('/graphiql') : null,
      feeds: [at('/feeds/{edition}/rss.xml', true), at('/feeds/{edition}/atom.xml', true), at('/feeds/{edition}/feed.json', true)],
      sitemap: at('/sitemap.xml'),
      health: { live: at('/health/live'), ready: at('/health/ready') }
    }
  }
  app.get('/', {
    schema: { tags: ['index'], operationId: 'apiIndex', summary: 'Where everything lives: docs, OpenAPI, GraphQL, feeds, health', response: { 200: ApiIndex } }
  }, async () => body)
}
