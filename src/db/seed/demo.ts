import type { Db } from '../connection.js'
import type { SocialLink } from '../schema.js'
import { authorSpecs, authorsForEdition } from './content/authors.js'
import { editionContents } from './content/index.js'
import { audio, avatarImages, documents, sceneImages, videos, type MediaSpec } from './content/media.js'
import { categoryTree, type CategoryKey, type EditionContent, type HiddenStatus } from './content/types.js'
import {
  DAY, hiddenArticle, hiddenSlugSuffix, hiddenTitlePrefix, publishedArticles, publishedPerEdition, trickyArticle, trickyTitle,
  type EditionRefs, type StoredMedia
} from './demo-articles.js'
import { slugify } from './text.js'
import { prepareWriters, type Writers } from './writer.js'

/** Facts a test cannot easily rediscover from the data itself; everything else should be queried. */
export const demoFacts = {
  editions: ['en', 'ar', 'fa', 'sq'],
  defaultEdition: 'en',
  rtlEditions: ['ar', 'fa'],
  publishedPerEdition,
  hiddenTitlePrefix,
  hiddenSlugSuffix,
  trickyTitle
} as const

/** Which hidden statuses each edition gets: three of each status, spread over the editions. */
const hiddenPlan: Record<string, readonly HiddenStatus[]> = {
  en: ['draft', 'scheduled', 'archived'],
  ar: ['draft', 'archived'],
  fa: ['scheduled', 'archived'],
  sq: ['draft', 'scheduled']
}

const categoryKeys: CategoryKey[] = categoryTree.flatMap((n) => [n.key, ...n.children])

/**
 * Fills an empty database with a believable four-edition site. Everything derives
 * from `now`, so two runs with the same clock produce identical rows; a database
 * that already has editions is left untouched.
 */
export function seedDemo (db: Db, options: { now: Date }): { seeded: boolean } {
  const client = db.$client
  const now = options.now.getTime()
  const seed = client.transaction((): boolean => {
    if (client.prepare('select 1 from editions limit 1').get() !== undefined) return false
    // reference rows predate the oldest article, as they would on a real site
    const w = prepareWriters(client, now - 400 * DAY)

    const editionIds = editionContents.map((c, position) => w.edition({
      code: c.code, name: c.name, nativeName: c.nativeName, direction: c.direction, isDefault: position === 0, position
    }))

    const store = (specs: readonly MediaSpec[]): StoredMedia[] => specs.map((spec) => ({ id: w.media(spec), spec }))
    const scenes = store(sceneImages)
    const avatars = store(avatarImages)
    const storedVideos = store(videos)
    const storedDocuments = store(documents)
    store(audio)

    const authorIds = new Map<string, number>()
    for (const a of authorSpecs) {
      const avatarMediaId = avatars.find((m) => m.spec.key === a.avatar)?.id ?? null
      authorIds.set(a.slug, w.author({ slug: a.slug, name: a.name, bio: a.bio, avatarMediaId }))
    }

    editionContents.forEach((c, index) => {
      const editionId = editionIds[index] ?? 0
      const refs: EditionRefs = {
        code: c.code,
        editionId,
        index,
        categories: seedCategories(w, c, editionId),
        tags: c.tags.map((name) => w.tag({ editionId, slug: slugify(name), name })),
        authors: authorsForEdition(c.code).map((a) => authorIds.get(a.slug) ?? 0),
        scenes,
        videos: storedVideos,
        documents: storedDocuments
      }
      for (const article of publishedArticles(c, refs, now)) w.article(article)
      if (c.code === 'en') w.article(trickyArticle(c, refs, now))
      const hidden = hiddenPlan[c.code] ?? []
      hidden.forEach((status, n) => w.article(hiddenArticle(c, refs, now, status, n)))

      w.gallery({
        editionId,
        slug: slugify(c.gallery.title),
        title: c.gallery.title,
        description: c.gallery.description,
        items: [0, 1, 2, 3, 4].map((j) => {
          const at = (index * 3 + j) % scenes.length
          return { mediaId: scenes[at]?.id ?? 0, caption: c.imageCaptions[at] ?? '' }
        })
      })

      const pages = seedPages(w, c, editionId, now)
      seedMenus(w, c, editionId, refs.categories, pages, editionIds)
      w.siteSettings({
        editionId,
        title: c.site.title,
        tagline: c.site.tagline,
        copyright: c.site.copyright(options.now.getUTCFullYear()),
        socialLinks: socialLinks(c.code)
      })
    })
    return true
  })
  // immediate: take the write lock before the emptiness check, so two processes cannot both seed
  return { seeded: seed.immediate() }
}

function seedCategories (w: Writers, c: EditionContent, editionId: number): Record<CategoryKey, number> {
  const ids = {} as Record<CategoryKey, number>
  const insert = (key: CategoryKey, parentId: number | null, position: number): number => {
    const { name, description } = c.categories[key]
    ids[key] = w.category({
      editionId, parentId, slug: slugify(name), name, description, position, translationGroup: categoryKeys.indexOf(key) + 1
    })
    return ids[key]
  }
  categoryTree.forEach((node, position) => {
    const parentId = insert(node.key, null, position)
    node.children.forEach((child, childPosition) => insert(child, parentId, childPosition))
  })
  return ids
}

interface PageIds { about: number, contact: number }

function seedPages (w: Writers, c: EditionContent, editionId: number, now: number): PageIds {
  const publishedAt = now - 400 * DAY
  const page = (p: EditionContent['pages']['about'], translationGroup: number): number => w.page({
    editionId,
    slug: p.slug,
    title: p.title,
    body: p.body,
    status: 'published',
    publishedAt,
    seoTitle: `${p.title} | ${c.site.title}`,
    seoDescription: c.site.tagline,
    translationGroup,
    createdAt: publishedAt,
    updatedAt: publishedAt + 30 * DAY
  })
  const ids = { about: page(c.pages.about, 1), contact: page(c.pages.contact, 2) }
  if (c.code === 'en') {
    w.page({
      editionId,
      slug: 'internal-style-guide' + hiddenSlugSuffix.draft,
      title: `${hiddenTitlePrefix} Internal style guide`,
      body: '<p>Internal notes for editors. This page is a draft and must never be public.</p>',
      status: 'draft',
      publishedAt: null,
      seoTitle: null,
      seoDescription: null,
      translationGroup: null,
      createdAt: now - 2 * DAY,
      updatedAt: now - DAY
    })
  }
  return ids
}

function seedMenus (
  w: Writers, c: EditionContent, editionId: number, categories: Record<CategoryKey, number>, pages: PageIds, editionIds: number[]
): void {
  const primary = w.menu({ editionId, location: 'primary', name: c.menu.primary })
  let position = 0
  for (const node of categoryTree) {
    const parentId = w.menuItem({
      menuId: primary, parentId: null, position: position++, label: c.categories[node.key].name, target: { kind: 'category', id: categories[node.key] }
    })
    node.children.forEach((child, childPosition) => w.menuItem({
      menuId: primary, parentId, position: childPosition, label: c.categories[child].name, target: { kind: 'category', id: categories[child] }
    }))
  }
  w.menuItem({ menuId: primary, parentId: null, position: position++, label: c.pages.about.title, target: { kind: 'page', id: pages.about } })
  w.menuItem({ menuId: primary, parentId: null, position: position++, label: c.pages.contact.title, target: { kind: 'page', id: pages.contact } })
  editionContents.forEach((other, i) => {
    const targetId = editionIds[i]
    if (other.code === c.code || targetId === undefined) return
    w.menuItem({ menuId: primary, parentId: null, position: position++, label: other.nativeName, target: { kind: 'edition', id: targetId } })
  })
  w.menuItem({ menuId: primary, parentId: null, position: position++, label: c.menu.support, target: { kind: 'url', url: `https://donate.example.org/${c.code}` } })

  const footer = w.menu({ editionId, location: 'footer', name: c.menu.footer })
  w.menuItem({ menuId: footer, parentId: null, position: 0, label: c.pages.about.title, target: { kind: 'page', id: pages.about } })
  w.menuItem({ menuId: footer, parentId: null, position: 1, label: c.pages.contact.title, target: { kind: 'page', id: pages.contact } })
}

function socialLinks (code: string): SocialLink[] {
  const links: SocialLink[] = [
    { network: 'x', url: `https://x.com/quirenews_${code}` },
    { network: 'facebook', url: `https://www.facebook.com/quirenews.${code}` },
    { network: 'youtube', url: 'https://www.youtube.com/@quirenews' }
  ]
  // Telegram is where Arabic- and Persian-speaking readers are; Instagram elsewhere.
  links.push(code === 'ar' || code === 'fa'
    ? { network: 'telegram', url: `https://t.me/quirenews_${code}` }
    : { network: 'instagram', url: `https://www.instagram.com/quirenews.${code}` })
  return links
}
