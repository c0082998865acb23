/** Builds an article's public frontend URL from the configured template, e.g. https://example.org/{edition}/{slug}. */
export function createArticleUrlBuilder (template: string) {
  return (edition: string, slug: string): string =>
    template.replaceAll('{edition}', encodeURIComponent(edition)).replaceAll('{slug}', encodeURIComponent(slug))
}
