import type { VersionedType } from '../editorial/versions.js'
import type { GraphQLContext } from './context.js'

/**
 * The `version` field of a type without a workflow, as a batched loader: items read with an API key
 * already carry it; the others are looked up together, one statement per level.
 */
export const versionLoader = (type: VersionedType) =>
  async (queries: ReadonlyArray<{ obj: { id: number, version?: number | undefined } }>, ctx: GraphQLContext): Promise<number[]> => {
    const missing = queries.filter((q) => q.obj.version === undefined).map((q) => q.obj.id)
    const versions = ctx.services.versions.of(type, missing)
    const byId = new Map(missing.map((id, i) => [id, versions[i]]))
    return queries.map((q) => q.obj.version ?? byId.get(q.obj.id) ?? 1)
  }
