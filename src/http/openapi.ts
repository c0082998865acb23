import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { refineDocument } from './openapi-document.js'

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
        { name: 'index', description: 'Where everything lives' },
        { name: 'articles', description: 'News articles: reads, writes, workflow and revisions' },
        { name: 'categories', description: 'Category tree per edition' },
        { name: 'editions', description: 'Language editions (en, ar, fa …) and their direction' },
        { name: 'authors', description: 'Bylines' },
        { name: 'tags', description: 'Free tags per edition' },
        { name: 'search', description: 'Full-text search and suggestions' },
        { name: 'sync', description: 'Incremental sync with a token that never expires' },
        { name: 'media', description: 'Images and other media with their renditions' },
        { name: 'galleries', description: 'Ordered sets of media' },
        { name: 'pages', description: 'Static pages' },
        { name: 'menus', description: 'Navigation menus per edition and location' },
        { name: 'settings', description: 'Per-edition site settings' },
        { name: 'comments', description: 'Readers\' comments and their moderation' },
        { name: 'contact', description: 'The contact form and its messages' },
        { name: 'changes', description: 'The change log' },
        { name: 'webhooks', description: 'Webhook endpoints and deliveries' },
        { name: 'feeds', description: 'RSS, Atom and JSON Feed' },
        { name: 'sitemaps', description: 'XML sitemaps for search engines' },
        { name: 'keys', description: 'API keys (admin only)' },
        { name: 'health', description: 'Liveness and readiness' }
      ]
    },
    hideUntagged: true,
    transformObject: (documents) => 'openapiObject' in documents ? refineDocument(documents.openapiObject as Record<string, unknown>, { baseUrl: options.baseUrl }) : documents.swaggerObject,
    // shared schemas keep their $id as the component name (instead of def-0, def-1 …)
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` }
  })
  // persistAuthorization: the key entered under "Authorize" survives a reload of the page
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true, persistAuthorization: true, tryItOutEnabled: false } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
