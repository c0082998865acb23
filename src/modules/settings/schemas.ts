import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { DateTime, EditionCode, EntityVersion, Nullable } from '../../schemas/common.js'
import { shareNetworks, socialNetworks } from '../../editorial/share-links.js'
import { Media } from '../media/schemas.js'

export const ShareNetwork = Type.Union(shareNetworks.map((n) => Type.Literal(n)), { description: 'A network share links are built for' })
export const SocialNetwork = Type.Union(socialNetworks.map((n) => Type.Literal(n)), { description: `A network the edition has a profile on: any of ${socialNetworks.join(', ')}` })

export const SocialLink = Type.Object({
  network: Type.String({ description: 'Network name, e.g. x, facebook, telegram' }),
  label: Type.String({ description: 'The network\'s own name, e.g. X, YouTube' }),
  url: Type.String()
}, { additionalProperties: false })

// Media's properties without its $id: an embedded copy that needs no shared schema registered
// with fastify (a second schema carrying $id 'Media' in the same response would clash)
const IdentityMedia = Type.Object(Media.properties, { additionalProperties: false })
const NullableWith = <T extends TSchema>(schema: T, description: string) => Type.Union([schema, Type.Null()], { description })

export const CopyrightNotice = Type.Object({
  holder: Type.String(),
  startYear: Nullable(Type.Integer()),
  currentYear: Type.Integer({ description: 'The year of the response, from the server\'s clock' }),
  line: Type.String({ description: 'Rendered: `© 2003 - 2026 Holder`, or `© 2026 Holder` when the start year is this year or unset' })
}, { additionalProperties: false })

export const ContactDetails = Type.Object({
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String({ description: 'Plain text; lines separated by newlines' }))
}, { additionalProperties: false })
export type SocialLink = Static<typeof SocialLink>

export const SiteSettings = Type.Object({
  edition: EditionCode,
  title: Type.String(),
  tagline: Nullable(Type.String()),
  copyright: Nullable(Type.String()),
  socialLinks: Type.Array(SocialLink, { description: 'The edition\'s profiles, in order' }),
  logo: NullableWith(IdentityMedia, 'The logo on a light background (a media item, with its url and renditions)'),
  logoDark: NullableWith(IdentityMedia, 'The logo on a dark background; null: use `logo`'),
  favicon: NullableWith(IdentityMedia, 'The favicon (a media item)'),
  copyrightNotice: NullableWith(CopyrightNotice, 'From `copyrightHolder` and `copyrightStartYear`; null without a holder (then `copyright`, if any, is the line)'),
  contact: ContactDetails,
  shareNetworks: Type.Array(ShareNetwork, { description: 'The share links each article of this edition carries, in order (the default list unless set)' }),
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'SiteSettings', additionalProperties: false, description: 'Site-wide settings of one edition' })
export type SiteSettings = Static<typeof SiteSettings>
