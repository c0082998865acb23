import { lte, sql, type SQL } from 'drizzle-orm'
import { articles } from '../../db/schema.js'

/**
 * The public visibility rule, defined once: published or scheduled, and due (see the
 * `visible_from` column). A scheduled article becomes visible at its publishedAt instant
 * because `now` is a parameter, not a job. Callers bind the `now` placeholder (epoch ms
 * from the injected clock).
 */
export const publiclyVisible: SQL = lte(articles.visibleFrom, sql.placeholder('now'))
