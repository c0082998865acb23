import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { NotFoundError } from '../errors.js'
import { listKey } from '../cache-keys/surrogate-keys.js'
import { EditionCode, problems } from '../schemas/common.js'
import { renderIndex, renderNewsUrlset, renderUrlset } from './render.js'
import { NEWS_URL_LIMIT, SITEMAP_URL_LIMIT, type SitemapFile, type SitemapService } from './service.js'
import type { ModuleOptions } from '../http/module-options.js'

export interface SitemapRoutesOptions extends ModuleOptions<{ sitemaps: SitemapService }> {
  /** URLs per sitemap file; the protocol's 50,000 unless a test needs smaller files. */
  urlsPerFile?: number
  /** URLs in a news sitemap; Google's 1,000 unless a test needs fewer. */
  newsLimit?: number
}

/**
 * The news sitemap changes with the clock alone (an article leaves it 48 hours after publication),
 * which the write-driven validators of http/caching.ts cannot see: it gets a short fixed lifetime
 * instead of an ETag, so neither the in-memory cache nor a CDN keeps an aged-out article for long.
 * Google re-reads news sitemaps every few minutes, so five is what it can use anyway.
 */
const NEWS_CACHE_CONTROL = 'public, max-age=300, s-maxage=300'

const NoQuery = Type.Object({}, { additionalProperties: false })
const EditionParams = Type.Object({ edition: EditionCode }, { additionalProperties: false })
const FileParams = Type.Object({
  edition: EditionCode,
  n: Type.String({ pattern: '^[1-9][0-9]{0,5}$', description: 'File number, from 1' })
}, { additionalProperties: false })
const xmlResponse = (description: string) => ({
  200: { description, content: { 'application/xml': { schema: Type.String() } } },
  ...problems(400, 404)
})
const XML = 'application/xml; charset=utf-8'

/**
 * /sitemap.xml (the index) and /sitemaps/{edition}/articles-{n}.xml, categories.xml, pages.xml.
 * Sitemaps name whole lists in Surrogate-Key (a file can hold 50,000 articles, far more keys than a
 * header carries): any write of the type purges them, as keysForWrite promises.
 */
export const sitemapRoutes: FastifyPluginAsyncTypebox<SitemapRoutesOptions> = async (app, { services: { sitemaps }, baseUrl, urlsPerFile = SITEMAP_URL_LIMIT, newsLimit = NEWS_URL_LIMIT }) => {
  const fileUrl = (file: SitemapFile) =>
    `${baseUrl}/sitemaps/${encodeURIComponent(file.edition)}/${file.kind}${file.n === null ? '' : `-${file.n}`}.xml`
  /** File n of a list held in memory (categories, pages): the first is also served without a number. */
  const fileOf = <T>(all: T[], n: number, what: string): T[] => {
    if (n > 1 && (n - 1) * urlsPerFile >= all.length) throw new NotFoundError('sitemap', what)
    return all.slice((n - 1) * urlsPerFile, n * urlsPerFile)
  }

  app.get('/sitemap.xml', {
    schema: {
      tags: ['sitemaps'], operationId: 'getSitemapIndex', summary: 'Sitemap index: every sitemap file of every edition',
      querystring: NoQuery, response: xmlResponse('A sitemaps.org sitemap index')
    }
  }, async (_request, reply) => {
    const files = sitemaps.files(urlsPerFile)
    const editions = [...new Set(files.map((f) => f.edition))]
    reply.surrogateKeys(listKey('edition'), editions.flatMap((e) => [listKey('article', e), listKey('category', e), listKey('page', e)])).type(XML)
    return renderIndex(files.map((file) => ({ loc: fileUrl(file), lastmod: file.lastmod })))
  })

  app.get('/sitemaps/:edition/articles-:n.xml', {
    schema: {
      tags: ['sitemaps'], operationId: 'getArticleSitemap', summary: 'Published articles of an edition, oldest first, with their translations',
      params: FileParams, querystring: NoQuery, response: xmlResponse('A sitemaps.org urlset with hreflang alternates')
    }
  }, async (request, reply) => {
    const { edition, n } = request.params
    const urls = sitemaps.articles(edition, Number(n), urlsPerFile)
    // image captions and titles are media text: any media write purges list:media
    reply.surrogateKeys(listKey('edition'), listKey('article'), listKey('article', edition), listKey('media')).type(XML)
    return renderUrlset(urls)
  })

  app.get('/sitemaps/:edition/news.xml', {
    schema: {
      tags: ['sitemaps'], operationId: 'getNewsSitemap', summary: 'Google News sitemap: articles of an edition published in the last 48 hours, newest first (at most 1,000)',
      params: EditionParams, querystring: NoQuery, response: xmlResponse('A sitemaps.org urlset with Google News (news:news) entries')
    }
  }, async (request, reply) => {
    const urls = sitemaps.news(request.params.edition, newsLimit)
    reply.header('cache-control', NEWS_CACHE_CONTROL).type(XML)
    return renderNewsUrlset(urls)
  })

  for (const kind of ['categories', 'pages'] as const) {
    const noun = kind === 'categories' ? 'Category' : 'Page'
    const read = (edition: string) => kind === 'categories' ? sitemaps.categories(edition) : sitemaps.pages(edition)
    const keys = (edition: string) => kind === 'categories'
      ? [listKey('edition'), listKey('category'), listKey('category', edition)]
      : [listKey('edition'), listKey('page'), listKey('page', edition), listKey('media')]
    const summary = `${kind === 'categories' ? 'Categories' : 'Published pages'} of an edition with their translations`

    app.get(`/sitemaps/:edition/${kind}.xml`, {
      schema: {
        tags: ['sitemaps'], operationId: `get${noun}Sitemap`, summary,
        params: EditionParams, querystring: NoQuery, response: xmlResponse('A sitemaps.org urlset with hreflang alternates')
      }
    }, async (request, reply) => {
      const { edition } = request.params
      reply.surrogateKeys(keys(edition)).type(XML)
      return renderUrlset(fileOf(read(edition), 1, `${edition}/${kind}`))
    })

    app.get(`/sitemaps/:edition/${kind}-:n.xml`, {
      schema: {
        tags: ['sitemaps'], operationId: `get${noun}SitemapFile`, summary: `${summary}: file n, when there are more than fit in one`,
        params: FileParams, querystring: NoQuery, response: xmlResponse('A sitemaps.org urlset with hreflang alternates')
      }
    }, async (request, reply) => {
      const { edition, n } = request.params
      reply.surrogateKeys(keys(edition)).type(XML)
      return renderUrlset(fileOf(read(edition), Number(n), `${edition}/${kind}-${n}`))
    })
  }
}
