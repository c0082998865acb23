import { excerptFromHtml, htmlToText } from '../../editorial/html-text.js'
import { effectiveStatus } from '../../editorial/workflow.js'
import { toIso } from '../../time.js'
import type { AuthorService } from '../authors/index.js'
import type { CategoryService } from '../categories/index.js'
import type { EditionService } from '../editions/index.js'
import { attachmentsOut, mediaInEdition, type MediaService } from '../media/index.js'
import type { AttachmentStore } from '../../editorial/attachments.js'
import type { TagService } from '../tags/index.js'
import type { CommentPolicy } from './comment-policy.js'
import { shareLinksFor, type ShareNetwork } from '../../editorial/share-links.js'
import { sourceOf, type ArticleRecord } from './records.js'
import type { ArticleRelations } from './relations.js'
import { articleFields, articleIncludes, defaultListFields, type Article, type ArticleField, type ArticleInclude } from './schemas.js'

type AuthorRef = NonNullable<ReturnType<AuthorService['findRefsByIds']>[number]>

interface ShaperDeps {
  editions: EditionService
  categories: CategoryService
  authors: AuthorService
  tags: TagService
  media: MediaService
  relations: ArticleRelations
  attachments: AttachmentStore
  urlFor: (edition: string, slug: string) => string
  /** An author's page in the article's edition (authors belong to every edition). */
  authorUrl: (edition: string, slug: string) => string
  commentStatusOf: CommentPolicy
  /** The networks of an edition's share links (its site settings). */
  shareNetworksOf: (editionId: number) => readonly ShareNetwork[]
}

const present = <T>(value: T | null): value is T => value !== null

/** The excerpt an editor wrote, or null when it is missing or blank. */
export const storedExcerpt = (record: Pick<ArticleRecord, 'excerpt'>): string | null =>
  record.excerpt !== null && record.excerpt.trim() !== '' ? record.excerpt : null

/**
 * Every protocol's excerpt of an article (REST, GraphQL, feeds, search, sync): the stored one, or
 * when that is blank, the start of the body as plain text (as WordPress's and Ghost's excerpts do).
 * `body` is asked for only when the fallback needs it.
 */
export function articleExcerpt (record: Pick<ArticleRecord, 'excerpt'>, body: () => string): string {
  return storedExcerpt(record) ?? excerptFromHtml(body())
}

/** The body as plain text: GraphQL's `body(format: TEXT)`. */
export const articleText = (body: string): string => htmlToText(body)

/**
 * Turns records into REST article objects with exactly the requested fields. Each relation costs
 * one batch statement for the whole page (plus one for the related rows when embedded), and only
 * when a requested field needs it.
 */
export function createArticleShaper (deps: ShaperDeps) {
  const { editions, relations } = deps

  // most calls pass one of the same few lists (every field, the list default): the set of each is
  // made once; only frozen lists are remembered, as another array could change after the call
  const setsOf = new WeakMap<readonly string[], ReadonlySet<string>>()
  function setOf<T extends string> (list: readonly T[]): ReadonlySet<T> {
    if (!Object.isFrozen(list)) return new Set(list)
    let set = setsOf.get(list)
    if (set === undefined) setsOf.set(list, set = new Set(list))
    return set as ReadonlySet<T>
  }

  function shape (records: ArticleRecord[], fieldList: readonly ArticleField[], include: readonly ArticleInclude[], now: number, editorial = false): Array<Partial<Article>> {
    const fields = setOf(fieldList)
    const embed = setOf(include)
    const ids = records.map((r) => r.id)
    const bodies = fields.has('excerpt')
      ? relations.bodies(records.filter((r) => r.body === undefined && storedExcerpt(r) === null).map((r) => r.id))
      : null

    const needsCategories = fields.has('categories') || fields.has('primaryCategoryId')
    const linkKinds = Number(fields.has('authors')) + Number(needsCategories) + Number(fields.has('tags'))
    const links = linkKinds > 1 ? relations.allLinks(ids) : null
    const authorIds = fields.has('authors') ? (links?.authorIds ?? relations.authorIds(ids)) : null
    const categoryLinks = needsCategories ? (links?.categoryLinks ?? relations.categoryLinks(ids)) : null
    const tagIds = fields.has('tags') ? (links?.tagIds ?? relations.tagIds(ids)) : null
    const translations = fields.has('translations') ? relations.translations(records, now, editorial) : null

    // bylines name authors in each article's edition: one batch for every edition on the page
    const bylines = authorIds !== null && embed.has('authors')
      ? deps.authors.findRefsByIds(authorIds.flat(), authorIds.flatMap((list, i) => list.map(() => records[i]!.editionId)))
      : null
    // where each article's byline starts in the flat answer
    const bylineAt: number[] = []
    let start = 0
    for (const list of authorIds ?? []) { bylineAt.push(start); start += list.length }
    const categoriesById = categoryLinks !== null && embed.has('categories') && fields.has('categories')
      ? byId(deps.categories.findRefsByIds(categoryLinks.flat().map((l) => l.categoryId)))
      : null
    const tagsById = tagIds !== null && embed.has('tags') ? byId(deps.tags.findRefsByIds(tagIds.flat())) : null
    const attachments = fields.has('attachments') ? deps.attachments.linksOf(ids) : null
    // the featured media and embedded attachments in one batch
    const mediaIds = [
      ...(fields.has('featuredMedia') && embed.has('featuredMedia') ? records.map((r) => r.featuredMediaId).filter(present) : []),
      ...(attachments !== null && embed.has('attachments') ? attachments.flat().map((a) => a.mediaId) : [])
    ]
    const mediaById = mediaIds.length > 0 ? byId(deps.media.findByIds(mediaIds)) : null

    const networks = new Map<number, readonly ShareNetwork[]>()
    const networksOf = (editionId: number): readonly ShareNetwork[] => {
      let list = networks.get(editionId)
      if (list === undefined) networks.set(editionId, list = deps.shareNetworksOf(editionId))
      return list
    }

    return records.map((record, index) => {
      const edition = editions.findById(record.editionId)
      const out: Partial<Article> = { id: record.id }
      if (fields.has('edition')) out.edition = edition.code
      if (fields.has('direction')) out.direction = edition.direction
      if (fields.has('slug')) out.slug = record.slug
      if (fields.has('title')) out.title = record.title
      if (bodies !== null) out.excerpt = articleExcerpt(record, () => record.body ?? bodies.get(record.id) ?? '')
      if (fields.has('body')) out.body = record.body ?? ''
      if (fields.has('publishedAt')) out.publishedAt = toIso(record.publishedAt ?? record.createdAt)
      if (fields.has('createdAt')) out.createdAt = toIso(record.createdAt)
      if (fields.has('updatedAt')) out.updatedAt = toIso(record.updatedAt)
      if (fields.has('featured')) out.featured = record.featured
      if (fields.has('wordCount')) out.wordCount = record.wordCount
      if (fields.has('readingTimeMinutes')) out.readingTimeMinutes = record.readingTimeMinutes
      if (fields.has('commentStatus')) out.commentStatus = deps.commentStatusOf(record)
      if (fields.has('commentCount')) out.commentCount = record.commentCount
      // editorial reads always carry the workflow state and the version their ETag names
      if (editorial && record.status !== undefined) out.status = effectiveStatus(record.status, record.publishedAt, now)
      if (editorial && record.version !== undefined) out.version = record.version
      if (fields.has('url')) out.url = deps.urlFor(edition.code, record.slug)
      if (fields.has('shareLinks')) out.shareLinks = shareLinksFor(networksOf(record.editionId), deps.urlFor(edition.code, record.slug), record.title)
      if (fields.has('seo')) out.seo = { title: record.seoTitle, description: record.seoDescription }
      if (fields.has('source')) {
        out.source = sourceOf(record)
      }
      const links = categoryLinks?.[index] ?? []
      if (fields.has('primaryCategoryId')) out.primaryCategoryId = links.find((l) => l.primary)?.categoryId ?? null
      if (fields.has('featuredMedia')) {
        const featured = record.featuredMediaId === null ? undefined : mediaById?.get(record.featuredMediaId)
        out.featuredMedia = record.featuredMediaId === null
          ? null
          : embed.has('featuredMedia') ? (featured === undefined ? null : mediaInEdition(featured, edition.code)) : record.featuredMediaId
      }
      if (attachments !== null) out.attachments = attachmentsOut(attachments[index] ?? [], embed.has('attachments') ? mediaById : null, edition.code)
      if (authorIds !== null) {
        const list = authorIds[index] ?? []
        out.authors = bylines !== null
          ? bylines.slice(bylineAt[index], bylineAt[index]! + list.length).filter((ref): ref is AuthorRef => ref !== null).map((ref) => ({ ...ref, url: deps.authorUrl(edition.code, ref.slug) }))
          : list
      }
      if (fields.has('categories')) {
        out.categories = categoriesById !== null
          ? links.map((l) => {
            const ref = categoriesById.get(l.categoryId)
            return ref === undefined ? undefined : { ...ref, primary: l.primary }
          }).filter(isDefined)
          : links.map((l) => l.categoryId)
      }
      if (tagIds !== null) {
        const list = tagIds[index] ?? []
        out.tags = tagsById !== null ? list.map((id) => tagsById.get(id)).filter(isDefined) : list
      }
      if (translations !== null) {
        const list = translations[index] ?? []
        out.translations = embed.has('translations')
          ? list.map((t) => {
            const other = editions.findById(t.editionId)
            return { id: t.id, edition: other.code, direction: other.direction, slug: t.slug, title: t.title, url: deps.urlFor(other.code, t.slug) }
          })
          : list.map((t) => t.id)
      }
      return out
    })
  }

  return {
    shape,
    defaultListFields,
    allFields: articleFields,
    allIncludes: articleIncludes
  }
}

function isDefined<T> (value: T | undefined): value is T { return value !== undefined }

function byId<T extends { id: number }> (items: Array<T | null>): Map<number, T> {
  const map = new Map<number, T>()
  for (const item of items) if (item !== null) map.set(item.id, item)
  return map
}
