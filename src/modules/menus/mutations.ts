import { entityMutations } from '../../graphql/entity-mutations.js'
import { databaseIdOf, type NodeType } from '../../graphql/global-id.js'
import { bodyOf } from '../../graphql/input.js'
import type { MutationResolvers } from '../../graphql/generated.js'
import { fromEnum } from '../../graphql/scalars.js'
import { MenuCreateBody, MenuPatchBody } from './write-schemas.js'

const targetTypes: Record<string, NodeType> = { category: 'Category', page: 'Page', article: 'Article', gallery: 'Gallery', tag: 'Tag', author: 'Author' }

/**
 * The REST items an input tree stands for: kinds in the REST spelling; category, page and article
 * gallery, tag and author targets are global ids here and database ids there; edition codes and
 * URLs are the same.
 */
function restItems (items: unknown, path: string): unknown {
  if (!Array.isArray(items)) return items
  return items.map((item: Record<string, unknown>, i) => {
    const out: Record<string, unknown> = { ...item }
    const at = `${path}.${i}`
    if (typeof item.kind === 'string') out.kind = fromEnum(item.kind)
    const type = typeof out.kind === 'string' ? targetTypes[out.kind] : undefined
    if (type !== undefined && typeof item.target === 'string') out.target = databaseIdOf(item.target, type, `${at}.target`)
    if (item.children !== undefined) out.children = restItems(item.children, `${at}.children`)
    return out
  })
}

function menuBody (input: Record<string, unknown>): Record<string, unknown> {
  const body = bodyOf(input, {})
  if (body.items !== undefined) body.items = restItems(body.items, 'input.items')
  return body
}

const menuWrites = entityMutations({
  node: 'Menu',
  writer: (ctx) => ctx.services.menus,
  read: (ctx, id) => ctx.services.menus.findById(id, 'editorial'),
  createBody: MenuCreateBody,
  patchBody: MenuPatchBody,
  toBody: menuBody
})

/** Menu mutations: the REST write routes' operations through the same service (REST and GraphQL agree). */
export const menuMutations = {
  createMenu: menuWrites.create,
  updateMenu: menuWrites.update,
  deleteMenu: menuWrites.remove
} satisfies Pick<MutationResolvers, 'createMenu' | 'updateMenu' | 'deleteMenu'>
