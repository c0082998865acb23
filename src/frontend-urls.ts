import type { Config } from './config.js'

const fill = (template: string, edition: string, slug = ''): string =>
  template.replaceAll('{edition}', encodeURIComponent(edition)).replaceAll('{slug}', encodeURIComponent(slug))

type UrlTemplates = Pick<Config, 'articleUrlTemplate' | 'categoryUrlTemplate' | 'pageUrlTemplate' | 'editionUrlTemplate' | 'tagUrlTemplate' | 'authorUrlTemplate' | 'galleryUrlTemplate'>

/**
 * Public frontend URLs of everything a page links to, from the configured templates: the `url`
 * field of every DTO, menu items, feeds and sitemaps all build them here, so a frontend never
 * re-implements the URL scheme. Feeds and sitemaps link to the frontend, never to the API.
 * Authors belong to no edition: their URL is built in the edition the response is for.
 */
export function createFrontendUrls (config: UrlTemplates) {
  return {
    article: (edition: string, slug: string): string => fill(config.articleUrlTemplate, edition, slug),
    category: (edition: string, slug: string): string => fill(config.categoryUrlTemplate, edition, slug),
    page: (edition: string, slug: string): string => fill(config.pageUrlTemplate, edition, slug),
    tag: (edition: string, slug: string): string => fill(config.tagUrlTemplate, edition, slug),
    author: (edition: string, slug: string): string => fill(config.authorUrlTemplate, edition, slug),
    gallery: (edition: string, slug: string): string => fill(config.galleryUrlTemplate, edition, slug),
    edition: (edition: string): string => fill(config.editionUrlTemplate, edition)
  }
}

export type FrontendUrls = ReturnType<typeof createFrontendUrls>
