import { Type, type Static } from '@sinclair/typebox'
import { EditionCode, Slug } from '../schemas/common.js'
import { DEFAULT_LIMIT, MAX_LIMIT } from '../pagination/limits.js'

// a feed is the first page of the article list, so it pages by the list's sizes
export const FEED_LIMIT_DEFAULT = DEFAULT_LIMIT
export const FEED_LIMIT_MAX = MAX_LIMIT

export const FeedQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: FEED_LIMIT_MAX, default: FEED_LIMIT_DEFAULT, description: `Number of newest articles (1–${FEED_LIMIT_MAX})` }))
}, { additionalProperties: false })
export type FeedQuery = Static<typeof FeedQuery>

export const EditionFeedParams = Type.Object({ edition: EditionCode }, { additionalProperties: false })
export const ScopedFeedParams = Type.Object({ edition: EditionCode, slug: Slug }, { additionalProperties: false })
