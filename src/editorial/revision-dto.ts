import type { Revision, RevisionSummary as StoredSummary } from './revisions.js'
import type { RevisionSummary } from './schemas.js'
import { toIso } from '../time.js'

export const toRevisionSummary = (r: StoredSummary): RevisionSummary => ({
  number: r.number,
  version: r.version,
  action: r.action,
  key: r.keyId === null ? null : { id: r.keyId, name: r.keyName ?? '' },
  createdAt: toIso(r.createdAt)
})

export const toRevision = <S>(r: Revision<S>): RevisionSummary & { snapshot: S } => ({ ...toRevisionSummary(r), snapshot: r.snapshot })
