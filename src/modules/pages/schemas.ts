import { Type, type Static } from '@sinclair/typebox'
import { ContentStatus } from '../../editorial/schemas.js'
import { Cursor, DateTime, Direction, EditionCode, Id, Limit, Nullable, Slug } from '../../schemas/common.js'
import { Attachments } from '../media/schemas.js'

export const PageTranslation = Type.Object({
  id: Id,
  edition: EditionCode,
  slug: Type.String(),
  title: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' })
}, { additionalProperties: false, description: 'The same page, published in another edition' })
export type PageTranslation = Static<typeof PageTranslation>

export const Page = Type.Object({
  id: Id,
  edition: EditionCode,
  direction: Direction,
  slug: Type.String(),
  title: Type.String(),
  url: Type.String({ description: 'Public URL on the frontend, from the configured template' }),
  body: Type.String({ description: 'HTML body' }),
  publishedAt: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  seo: Type.Object({ title: Nullable(Type.String()), description: Nullable(Type.String()) }, { additionalProperties: false }),
  translations: Type.Array(PageTranslation),
  attachments: Attachments,
  status: Type.Optional(Type.Union(ContentStatus.anyOf, { description: 'Workflow status; only in responses to API keys' })),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'Incremented by every write; the ETag of authenticated responses is `"v<version>"`. Only in responses to API keys' }))
}, { $id: 'Page', additionalProperties: false, description: 'A standalone page (About, Contact …)' })
export type Page = Static<typeof Page>

/** What a link to a page needs: for menus and other embeds. */
export interface PageRef {
  id: number
  edition: string
  slug: string
  title: string
  url: string
}

const include = (what: string) => Type.Optional(Type.Literal('attachments', { description: `\`attachments\`: embed each attachment's media object (text in the page's edition); ${what}` }))

export const PageItemQuery = Type.Object({ include: include('a single page embeds them by default') }, { additionalProperties: false })
export type PageItemQuery = Static<typeof PageItemQuery>

export const PageListQuery = Type.Object({
  edition: Type.Optional(EditionCode),
  include: include('lists show media ids and labels unless asked'),
  limit: Type.Optional(Limit),
  cursor: Type.Optional(Cursor)
}, { additionalProperties: false })
export type PageListQuery = Static<typeof PageListQuery>

export const PageSlugParams = Type.Object({ code: EditionCode, slug: Slug }, { additionalProperties: false })
