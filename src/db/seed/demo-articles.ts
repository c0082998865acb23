import { categoryTree, type ArticleFormat, type CategoryKey, type EditionContent, type HiddenStatus, type TopicKey } from './content/types.js'
import type { MediaSpec } from './content/media.js'
import { articleBody, formatOf, headline, type Figure } from './compose.js'
import { slugify } from './text.js'
import type { ArticleInput } from './writer.js'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const publishedPerEdition = 60
export const hiddenTitlePrefix = '[HIDDEN]'
export const hiddenSlugSuffix: Record<HiddenStatus, string> = {
  draft: '-hidden-draft',
  scheduled: '-hidden-scheduled',
  archived: '-hidden-archived'
}

export const trickyTitle = 'Ampersands & "quotes" in <headlines>: the \'escaping\' test 🚀📰'

export interface StoredMedia { id: number, spec: MediaSpec }

export interface EditionRefs {
  code: string
  editionId: number
  /** Position of the edition in the demo, used to offset dates and pictures. */
  index: number
  categories: Record<CategoryKey, number>
  tags: readonly number[]
  authors: readonly number[]
  scenes: readonly StoredMedia[]
  videos: readonly StoredMedia[]
  documents: readonly StoredMedia[]
}

const formatCategory: Record<Exclude<ArticleFormat, 'news'>, CategoryKey> = {
  video: 'videos',
  pictures: 'news-pictures',
  cartoon: 'cartoons',
  brief: 'briefs',
  book: 'books',
  newsletter: 'newsletter',
  gallery: 'photo-gallery'
}

const parentOf = new Map<CategoryKey, CategoryKey>(
  categoryTree.flatMap((node) => node.children.map((child) => [child, node.key] as [CategoryKey, CategoryKey]))
)

const sources = [
  { name: 'Northern Wire', domain: 'northernwire.example.net', correspondents: ['Mira Lindqvist', 'Tomas Eriksen'] },
  { name: 'Harbour Chronicle', domain: 'harbourchronicle.example.com', correspondents: ['Amal Haddad', 'Jon Pryce'] },
  { name: 'Frontier Times', domain: 'frontiertimes.example.org', correspondents: ['Leyla Karimi', 'Sam Okafor'] }
]

/**
 * Headlines below 16 exist in all four editions as one translation group; 16–23
 * exist as translations everywhere except Albanian, whose slot in group 17 is
 * taken by a hidden draft so that unpublished translations can be tested.
 */
export function translationGroupOf (i: number, code: string): number | null {
  if (i < 16) return i + 1
  if (i < 24 && code !== 'sq') return i + 1
  return null
}

function categoriesFor (refs: EditionRefs, i: number, topic: TopicKey, format: ArticleFormat): number[] {
  const keys: CategoryKey[] = format === 'news' ? [topic] : [formatCategory[format], topic]
  const parent = parentOf.get(topic)
  if (format === 'news' && parent !== undefined) keys.push(parent)
  const extra: CategoryKey = topic === 'politics' ? 'economy' : 'politics'
  if (i % 5 === 0 && !keys.includes(extra)) keys.push(extra)
  return keys.slice(0, 3).map((k) => refs.categories[k])
}

function authorsFor (refs: EditionRefs, i: number): number[] {
  const pool = refs.authors
  const first = pool[i % pool.length]
  if (first === undefined) return []
  const second = pool[(i + 1) % pool.length]
  return i % 3 === 0 && second !== undefined && second !== first ? [first, second] : [first]
}

function tagsFor (refs: EditionRefs, i: number): number[] {
  const out: number[] = []
  for (let j = 0; j < i % 4 && j < refs.tags.length; j++) {
    const tag = refs.tags[(i + j * 3) % refs.tags.length]
    if (tag !== undefined && !out.includes(tag)) out.push(tag)
  }
  return out
}

function scene (refs: EditionRefs, n: number): StoredMedia {
  const m = refs.scenes[n % refs.scenes.length]
  if (m === undefined) throw new Error('demo seed needs scene images')
  return m
}

function figure (c: EditionContent, refs: EditionRefs, n: number): Figure {
  const m = scene(refs, n)
  const index = refs.scenes.indexOf(m)
  return { url: m.spec.url, width: m.spec.width, height: m.spec.height, caption: c.imageCaptions[index] ?? m.spec.caption ?? '' }
}

/** Spread over the past ~400 days; translations of one story land within hours of each other. */
function publishedAtOf (now: number, i: number, editionIndex: number): number {
  return now - ((i * 97) % 397) * DAY - (editionIndex * 2 + 1) * HOUR - ((i * 17) % 60) * MINUTE
}

export function publishedArticles (c: EditionContent, refs: EditionRefs, now: number): ArticleInput[] {
  const out: ArticleInput[] = []
  for (let i = 0; i < publishedPerEdition; i++) {
    const format = formatOf(i)
    const h = headline(c, i, format)
    const publishedAt = publishedAtOf(now, i, refs.index)
    const pictureIndex = i + refs.index * 5
    let featuredMediaId: number | null = null
    const figures: Figure[] = []
    let videoUrl: string | undefined
    let documentUrl: string | undefined
    if (format === 'video') {
      const v = refs.videos[i % refs.videos.length]
      featuredMediaId = v?.id ?? null
      videoUrl = v?.spec.url
    } else if (format === 'book') {
      const d = refs.documents[Math.floor(i / 30) % refs.documents.length]
      featuredMediaId = d?.id ?? null
      documentUrl = d?.spec.url
    } else if (i % 11 !== 10) {
      featuredMediaId = scene(refs, pictureIndex).id
      const shown = format === 'gallery' ? 4 : format === 'pictures' ? 2 : (format === 'cartoon' || i % 2 === 0) ? 1 : 0
      for (let j = 0; j < shown; j++) figures.push(figure(c, refs, pictureIndex + j))
    }
    const republished = i % 10 === 3
    const source = sources[Math.floor(i / 10) % sources.length]
    out.push({
      editionId: refs.editionId,
      slug: h.slug,
      title: h.title,
      excerpt: h.excerpt,
      body: articleBody(c, i, i, { figures, videoUrl, documentUrl, reportHref: `https://reports.example.org/${c.code}/${i + 1}` }),
      status: 'published',
      publishedAt,
      featured: i % 7 === 0,
      featuredMediaId,
      seoTitle: i % 4 === 2 ? `${h.title} | ${c.site.title}` : null,
      seoDescription: i % 4 === 2 ? h.excerpt : null,
      sourceName: republished && source !== undefined ? source.name : null,
      sourceUrl: republished && source !== undefined ? `https://${source.domain}/${c.code}/stories/${1000 + i}` : null,
      sourcePublishedAt: republished ? publishedAt - (3 + (i % 4)) * HOUR : null,
      // the original's byline and headline: a correspondent of the source, the headline as it ran there
      sourceAuthor: republished && source !== undefined ? source.correspondents[i % source.correspondents.length] ?? null : null,
      sourceTitle: republished ? h.title : null,
      translationGroup: translationGroupOf(i, c.code),
      createdAt: publishedAt - (2 + (i % 5)) * HOUR,
      updatedAt: i % 3 === 0 ? Math.min(now, publishedAt + 6 * HOUR) : publishedAt,
      authorIds: authorsFor(refs, i),
      categoryIds: categoriesFor(refs, i, h.topic, format),
      tagIds: tagsFor(refs, i)
    })
  }
  return out
}

/** Exercises escaping in every renderer: quotes, angle brackets, ampersands and astral-plane emoji. */
export function trickyArticle (c: EditionContent, refs: EditionRefs, now: number): ArticleInput {
  const publishedAt = now - 3 * DAY - 5 * HOUR
  const excerpt = 'Titles may contain "quotes", <tags> & emoji 🚀 — every renderer must escape them.'
  return {
    editionId: refs.editionId,
    slug: slugify(trickyTitle),
    title: trickyTitle,
    excerpt,
    body: '<p>This article exists to test escaping: its title contains &quot;double quotes&quot;, &#39;single quotes&#39;, ' +
      'an ampersand (&amp;), angle brackets (&lt;headlines&gt;) and emoji 🚀📰.</p>' +
      `<p>${c.paragraphs[0] ?? ''}</p><blockquote><p>${c.quotes[1] ?? ''}</p></blockquote>`,
    status: 'published',
    publishedAt,
    featured: false,
    featuredMediaId: scene(refs, 5).id,
    seoTitle: `${trickyTitle} | ${c.site.title}`,
    seoDescription: excerpt,
    sourceName: null,
    sourceUrl: null,
    sourcePublishedAt: null,
    translationGroup: null,
    createdAt: publishedAt - HOUR,
    updatedAt: publishedAt,
    authorIds: authorsFor(refs, 0),
    categoryIds: [refs.categories['free-expression'], refs.categories['human-rights']],
    tagIds: refs.tags.slice(2, 3)
  }
}

/**
 * Content the public API must never return. Titles start with `[HIDDEN]` and slugs end
 * with `-hidden-<status>` so tests can search responses for either marker.
 */
export function hiddenArticle (c: EditionContent, refs: EditionRefs, now: number, status: HiddenStatus, n: number): ArticleInput {
  const title = `${hiddenTitlePrefix} ${c.hidden[status]}`
  const publishedAt = status === 'draft' ? null
    : status === 'scheduled' ? now + (2 + 9 * n) * DAY + 3 * HOUR
      : now - (420 + 30 * n) * DAY
  const createdAt = status === 'archived' ? (publishedAt ?? now) - 2 * DAY : now - (n + 1) * DAY
  return {
    editionId: refs.editionId,
    slug: slugify(c.hidden[status]) + hiddenSlugSuffix[status],
    title,
    excerpt: c.excerpt(c.subjects[n] ?? '', c.places[0] ?? ''),
    body: articleBody(c, n, n + 1, { reportHref: `https://reports.example.org/${c.code}/hidden/${status}` }),
    status,
    publishedAt,
    featured: status === 'scheduled',
    featuredMediaId: scene(refs, n + 7).id,
    seoTitle: null,
    seoDescription: null,
    sourceName: null,
    sourceUrl: null,
    sourcePublishedAt: null,
    translationGroup: status === 'draft' && c.code === 'sq' ? 17 : null,
    createdAt,
    updatedAt: createdAt,
    authorIds: authorsFor(refs, n),
    categoryIds: [refs.categories.politics],
    tagIds: refs.tags.slice(0, 1)
  }
}
