import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'

export async function registerOpenApi (app: FastifyInstance, options: { baseUrl: string, version: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Quire content API',
        version: options.version,
        description: 'Headless content API for multilingual news publishers: articles, categories, editions, media, pages, menus and settings.'
      },
      servers: [{ url: options.baseUrl }],
      tags: [
        { name: 'index' }, { name: 'articles' }, { name: 'categories' }, { name: 'editions' }, { name: 'authors' }, { name: 'tags' },
        { name: 'search' },
        { name: 'sync' },
        { name: 'media' }, { name: 'galleries' }, { name: 'pages' }, { name: 'menus' }, { name: 'settings' }, { name: 'keys' }, { name: 'health' }
      ]
    },
    hideUntagged: true,
    // shared schemas keep their $id as the component name (instead of def-0, def-1 …)
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
