import { Type, type Static } from '@sinclair/typebox'
import { DateTime, EditionCode, EntityVersion, Nullable } from '../../schemas/common.js'

export const SocialLink = Type.Object({
  network: Type.String({ description: 'Network name, e.g. x, facebook, telegram' }),
  url: Type.String()
}, { additionalProperties: false })
export type SocialLink = Static<typeof SocialLink>

export const SiteSettings = Type.Object({
  edition: EditionCode,
  title: Type.String(),
  tagline: Nullable(Type.String()),
  copyright: Nullable(Type.String()),
  socialLinks: Type.Array(SocialLink),
  updatedAt: DateTime,
  version: Type.Optional(EntityVersion)
}, { $id: 'SiteSettings', additionalProperties: false, description: 'Site-wide settings of one edition' })
export type SiteSettings = Static<typeof SiteSettings>
