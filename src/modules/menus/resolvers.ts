import type { GraphQLContext } from '../../graphql/context.js'
import { toGlobalId, type NodeType } from '../../graphql/global-id.js'
import { toEnum } from '../../graphql/scalars.js'
import type { Loaders, QuireResolvers } from '../../graphql/types.js'
import { editionsByCode } from '../editions/index.js'
import type { MenuItemKind } from './schemas.js'

const targetTypes: Record<MenuItemKind, NodeType | null> = {
  category: 'Category', page: 'Page', article: 'Article', edition: 'Edition', gallery: 'Gallery', tag: 'Tag', author: 'Author', url: null, label: null
}

export const menuResolvers = {
  Query: {
    menus: (_root, { edition }, ctx) => ctx.services.menus.list(edition),
    menu: (_root, { edition, location }, ctx) => ctx.services.menus.findByLocation(edition, location)
  },
  Menu: {
    id: (menu) => toGlobalId('Menu', menu.id),
    databaseId: (menu) => menu.id,
  },
  MenuItem: {
    databaseId: (item) => item.id,
    kind: (item) => toEnum(item.kind),
    target: (item) => ({ ...item.target, kind: item.kind })
  },
  MenuTarget: {
    id: (target) => {
      const type = targetTypes[target.kind]
      return type === null || target.id === null ? null : toGlobalId(type, target.id)
    },
    databaseId: (target) => target.id
  }
} satisfies QuireResolvers

export const menuLoaders = {
  Menu: { edition: editionsByCode },
  MenuTarget: {
    edition: async (queries, ctx) => queries.map(({ obj }) => obj.edition === null ? null : ctx.services.editions.findByCode(obj.edition))
  }
} satisfies Loaders

export const findMenuNodes = (ids: readonly number[], ctx: GraphQLContext) => ctx.services.menus.findByIds(ids)
