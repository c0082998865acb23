import { showsVersion, visibilityFor } from '../auth/permissions.js'
import type { VersionedType } from '../editorial/versions.js'
import type { GraphQLContext } from './context.js'

/**
 * Whether this request sees `version` fields: REST's rule (auth/permissions.ts showsVersion), so
 * API keys get the version and the public gets null, on every type.
 */
export const versionShown = (ctx: GraphQLContext): boolean => showsVersion(visibilityFor(ctx.principal))

/**
 * The `version` field of a type without a workflow, as a batched loader: items read with an API key
 * already carry it; the others are looked up together, one statement per level.
 */
export const versionLoader = (type: VersionedType) =>
  async (queries: ReadonlyArray<{ obj: { id: number, version?: number | undefined } }>, ctx: GraphQLContext): Promise<Array<number | null>> => {
    if (!versionShown(ctx)) return queries.map(() => null)
    const missing = queries.filter((q) => q.obj.version === undefined).map((q) => q.obj.id)
    const versions = ctx.services.versions.of(type, missing)
    const byId = new Map(missing.map((id, i) => [id, versions[i]]))
    return queries.map((q) => q.obj.version ?? byId.get(q.obj.id) ?? 1)
  }
