import { entityKey, listKey, type EntityType } from './surrogate-keys.js'

/*
 * The surrogate keys of a REST response, read from the DTOs it is about to send: whatever the
 * client sees (embedded authors, a featured image, a translation's title) is named, whatever it
 * only sees as a bare id is named too (conservative: an id list changes when the relation does).
 * Works on sparse fieldsets because every relation is optional here.
 */

type Json = Record<string, unknown>
type Add = (type: EntityType, id: unknown) => void

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const asArray = (value: unknown): unknown[] => Array.isArray(value) ? value : []

/** Attachments name their media item by `mediaId`, embedded or not: a media edit (its text) changes the owner's response. */
function addAttachments (add: Add, value: unknown): void {
  for (const attachment of asArray(value)) if (isObject(attachment)) add('media', attachment.mediaId)
}

/** A relation field holds ids, objects with an id, an object, or null. */
function addRelation (add: Add, type: EntityType, value: unknown): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === 'number') add(type, item)
    else if (isObject(item)) add(type, item.id)
  }
}

const collectors: Record<EntityType, (item: Json, add: Add) => void> = {
  article (item, add) {
    add('article', item.id)
    add('edition', item.edition)
    addRelation(add, 'author', item.authors)
    addRelation(add, 'category', item.categories)
    addRelation(add, 'category', item.primaryCategoryId)
    addRelation(add, 'tag', item.tags)
    addRelation(add, 'media', item.featuredMedia)
    addAttachments(add, item.attachments)
    addRelation(add, 'article', item.translations)
    addRelation(add, 'article', item.previous)
    addRelation(add, 'article', item.next)
    addRelation(add, 'article', item.related)
    for (const translation of asArray(item.translations)) if (isObject(translation)) add('edition', translation.edition)
  },
  page (item, add) {
    add('page', item.id)
    add('edition', item.edition)
    addRelation(add, 'page', item.translations)
    addAttachments(add, item.attachments)
  },
  category (item, add) {
    add('category', item.id)
    add('edition', item.edition)
    addRelation(add, 'category', item.translations)
    for (const child of asArray(item.children)) if (isObject(child)) collectors.category(child, add)
  },
  tag (item, add) {
    add('tag', item.id)
    add('edition', item.edition)
  },
  author (item, add) {
    add('author', item.id)
    addRelation(add, 'media', item.avatar)
  },
  media (item, add) { add('media', item.id) },
  gallery (item, add) {
    add('gallery', item.id)
    add('edition', item.edition)
    for (const entry of asArray(item.items)) if (isObject(entry)) addRelation(add, 'media', entry.media)
  },
  menu (item, add) {
    add('menu', item.id)
    add('edition', item.edition)
    const walk = (items: unknown): void => {
      for (const entry of asArray(items)) {
        if (!isObject(entry)) continue
        const target = isObject(entry.target) ? entry.target : {}
        if (entry.kind === 'category' || entry.kind === 'page' || entry.kind === 'article') add(entry.kind, target.id)
        else if (entry.kind === 'edition') add('edition', target.edition)
        walk(entry.children)
      }
    }
    walk(item.items)
  },
  edition (item, add) { add('edition', item.code) },
  settings (item, add) {
    add('settings', item.edition)
    add('edition', item.edition)
  }
}

export interface ResponseScope {
  /** The edition a list was filtered by, when it was. */
  edition?: string
}

/**
 * Keys of a `{ data }` envelope of `type`: a list (data is an array) also carries its list key,
 * scoped to the edition it was filtered by. Menus hide items whose target is unpublished, so a
 * menu also depends on the article and page lists of its edition; categories and tags carry
 * article counts, so they depend on the article list of theirs.
 */
export function responseKeys (type: EntityType, payload: unknown, scope: ResponseScope = {}): Set<string> {
  const keys = new Set<string>()
  const add: Add = (entity, id) => {
    if ((typeof id === 'number' && Number.isSafeInteger(id)) || (typeof id === 'string' && id !== '')) keys.add(entityKey(entity, id))
  }
  const data = isObject(payload) ? payload.data : undefined
  const items = Array.isArray(data) ? data : [data]
  // media are global: their `edition` parameter picks the text shown, it does not filter the list
  if (Array.isArray(data)) keys.add(listKey(type, type === 'media' ? undefined : scope.edition))
  for (const item of items) {
    if (!isObject(item)) continue
    collectors[type](item, add)
    if (type === 'menu' && typeof item.edition === 'string') {
      keys.add(listKey('article', item.edition))
      keys.add(listKey('page', item.edition))
    }
    // which articles neighbour a single one (previous, next, related) moves with every article write of its edition
    if (type === 'article' && typeof item.edition === 'string' && ('previous' in item || 'related' in item)) keys.add(listKey('article', item.edition))
    // a category's or tag's articleCount moves with every article write of its edition
    if ((type === 'category' || type === 'tag') && typeof item.edition === 'string' && 'articleCount' in item) keys.add(listKey('article', item.edition))
  }
  return keys
}
