import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Slug } from '../schemas/common.js'

export const FEED_LIMIT_DEFAULT = 20
export const FEED_LIMIT_MAX = 100

export const FeedQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_LIMIT_MAX, default: FEED_LIMIT_DEFAULT, description: `Number of newest articles (1–${FEED_LIMIT_MAX})` }))
}, { additionalProperties: false })
export type FeedQuery = Static<typeof FeedQuery>

export const EditionFeedParams = Type.Object({ edition: EditionCode }, { additionalProperties: false })
export const ScopedFeedParams = Type.Object({ edition: EditionCode, slug: Slug }, { additionalProperties: false })
