import type { Config } from './config.js'

const fill = (template: string, edition: string, slug = ''): string =>
  template.replaceAll('{edition}', encodeURIComponent(edition)).replaceAll('{slug}', encodeURIComponent(slug))

/**
 * Public frontend URLs of categories, pages and edition home pages, from the configured templates
 * (articles have theirs in the article service: `articles.urlFor`). Feeds and sitemaps link to
 * the frontend, never to the API.
 */
export function createFrontendUrls (config: Pick<Config, 'categoryUrlTemplate' | 'pageUrlTemplate' | 'editionUrlTemplate'>) {
  return {
    category: (edition: string, slug: string): string => fill(config.categoryUrlTemplate, edition, slug),
    page: (edition: string, slug: string): string => fill(config.pageUrlTemplate, edition, slug),
    edition: (edition: string): string => fill(config.editionUrlTemplate, edition)
  }
}

export type FrontendUrls = ReturnType<typeof createFrontendUrls>
