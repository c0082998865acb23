import { eq } from 'drizzle-orm'
import type { Db } from '../../db/connection.js'
import { mediaTranslations } from '../../db/schema.js'
import { editionContentCounter } from '../../editorial/edition-content.js'
import { InvalidInputError, type FieldProblem } from '../../errors.js'
import type { EditionService } from '../editions/index.js'
import type { MediaTextInput } from './write-schemas.js'

const fields = ['title', 'altText', 'caption', 'credit'] as const

/**
 * Per-edition media text (media_translations). A write replaces an item's whole list, as lists
 * are replaced everywhere else in the API; each entry names a known edition once and sets at
 * least one field (an entry of nulls would say nothing: leave the edition out instead).
 */
export function createMediaTexts ({ db, editions }: { db: Db, editions: EditionService }) {
  function rowsOf (mediaId: number, inputs: readonly MediaTextInput[]) {
    const problems: FieldProblem[] = []
    const seen = new Set<string>()
    const rows = inputs.flatMap((input, i) => {
      const name = `body.translations.${i}`
      if (seen.has(input.edition)) problems.push({ name: `${name}.edition`, reason: `another entry is already for edition "${input.edition}"` })
      seen.add(input.edition)
      const edition = editions.list().find((e) => e.code === input.edition)
      if (edition === undefined) problems.push({ name: `${name}.edition`, reason: `no edition has code "${input.edition}"` })
      if (fields.every((field) => input[field] === undefined || input[field] === null)) {
        problems.push({ name, reason: `sets none of ${fields.join(', ')}; leave the edition out to show the default text` })
      }
      return edition === undefined
        ? []
        : [{ mediaId, editionId: edition.id, title: input.title ?? null, altText: input.altText ?? null, caption: input.caption ?? null, credit: input.credit ?? null }]
    })
    if (problems.length > 0) throw new InvalidInputError(problems.map((p) => `${p.name} ${p.reason}`).join('; '), problems)
    return rows
  }

  return {
    /** Checks the list first: a bad entry changes nothing (the caller's transaction rolls back too). */
    replace (tx: Db, mediaId: number, inputs: readonly MediaTextInput[]): void {
      const rows = rowsOf(mediaId, inputs)
      tx.delete(mediaTranslations).where(eq(mediaTranslations.mediaId, mediaId)).run()
      if (rows.length > 0) tx.insert(mediaTranslations).values(rows).run()
    },
    /** Items with text in the edition: an edition is deleted only when nothing is left in it. */
    countByEdition: editionContentCounter(db, mediaTranslations)
  }
}

export type MediaTexts = ReturnType<typeof createMediaTexts>
