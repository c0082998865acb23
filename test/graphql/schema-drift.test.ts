import { generate } from '@graphql-codegen/cli'
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, getNamedType, isInterfaceType, isLeafType, isObjectType, printSchema,
  type GraphQLNamedType, type IntrospectionQuery
} from 'graphql'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import codegenConfig from '../../codegen.js'
import { toGlobalId } from '../../src/graphql/global-id.js'
import { schemaPath } from '../../src/graphql/plugin.js'
import { test, type TestApp } from '../helpers/app.js'
import { seedApprovedComment } from '../helpers/comments.js'
import { openReadOnly } from '../helpers/db.js'
import { data } from '../helpers/graphql.js'

let app: TestApp
const contract = readFileSync(schemaPath, 'utf8')

test.beforeAll(({ app: built }) => { app = built })

describe('schema.graphql is the served schema', () => {
  it('matches what the server answers to introspection, descriptions included', async () => {
    const introspection = await data<IntrospectionQuery>(app, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }))
    expect(printSchema(buildClientSchema(introspection))).toBe(printSchema(buildSchema(contract)))
  })

  it('has src/graphql/generated.ts generated from it (run `npm run graphql:codegen`)', async () => {
    const [output] = await generate(codegenConfig, false)
    expect(output?.filename).toBe('src/graphql/generated.ts')
    expect(readFileSync('src/graphql/generated.ts', 'utf8')).toBe(output?.content)
  }, 60_000)
})

/**
 * Every field of every type the schema declares, selected and resolved against the demo data: a
 * field whose resolver is missing (and whose parent has no such property) fails here as a
 * non-null error, whatever TypeScript thought.
 */
describe('every field resolves', () => {
  const schema = buildSchema(contract)
  function selection (type: GraphQLNamedType, depth: number): string {
    if (!isObjectType(type) && !isInterfaceType(type)) return ''
    return Object.values(type.getFields()).map((field) => {
      const child = getNamedType(field.type)
      if (isLeafType(child)) return field.name
      return depth === 0 ? `${field.name} { __typename }` : `${field.name} { ${selection(child, depth - 1)} }`
    }).join(' ')
  }
  const reached = new Set<string>()
  function record (value: unknown): void {
    if (Array.isArray(value)) { value.forEach(record); return }
    if (typeof value !== 'object' || value === null) return
    const typename = (value as { __typename?: unknown }).__typename
    if (typeof typename === 'string') reached.add(typename)
    Object.values(value).forEach(record)
  }
  const typed = (query: string) => query.replace(/\{ /g, '{ __typename ')

  // article 1 has a featured image and translations; the republished one carries a source
  const republished = (): number => {
    const db = openReadOnly(app.databasePath)
    try {
      return (db.prepare("select id from articles where source_name is not null and status = 'published' order by id limit 1").get() as { id: number }).id
    } finally {
      db.close()
    }
  }
  const nodes: Array<[string, number | (() => number)]> = [['Article', 1], ['Article', republished], ['Category', 2], ['Author', 1], ['Tag', 1], ['Media', 1], ['Gallery', 1], ['Page', 1], ['Edition', 2]]
  for (const [type, key] of nodes) {
    it(`${type}, two levels deep`, async () => {
      const id = typeof key === 'number' ? key : key()
      const got = await data(app, typed(`{ node(id: "${toGlobalId(type as never, id)}") { ... on ${type} { ${selection(schema.getType(type)!, 1)} } } }`))
      expect(got.node).not.toBeNull()
      record(got)
    })
  }

  it('menus, settings and every connection type', async () => {
    const query = schema.getQueryType()!
    const roots = ['articles', 'categories', 'authors', 'tags', 'mediaItems', 'galleries', 'pages']
      .map((name) => `${name}(first: 2) { ${selection(getNamedType(query.getFields()[name]!.type), 1)} }`)
    for (const root of roots) record(await data(app, typed(`{ ${root} }`)))
    record(await data(app, typed(`{ menus(edition: "en") { ${selection(schema.getType('Menu')!, 3)} } }`)))
    record(await data(app, typed(`{ settings(edition: "en") { ${selection(schema.getType('SiteSettings')!, 2)} } }`)))
  })

  it('an uploaded file and what it derives', async () => {
    const { issueKey } = await import('../helpers/keys.js')
    const { multipart } = await import('../media/multipart.js')
    const { png } = await import('../media/fixtures.js')
    const body = multipart([{ name: 'focalPoint', value: '0.5,0.4' }, { name: 'file', filename: 'probe.png', data: await png({ width: 400, height: 300 }) }])
    const created = await app.inject({ method: 'POST', url: '/v1/media', headers: { ...issueKey(app, 'author').auth, ...body.headers }, payload: body.payload })
    expect(created.statusCode).toBe(201)
    // newest first: the upload is the first item
    record(await data(app, typed(`{ mediaItems(first: 1) { nodes { ${selection(schema.getType('Media')!, 2)} } } }`)))
  }, 60_000)

  it('mutations and their payloads, with an API key', async () => {
    const { issueKey } = await import('../helpers/keys.js')
    const { gql } = await import('../helpers/graphql.js')
    const key = issueKey(app, 'editor')
    const run = async (query: string, variables: Record<string, unknown>) => {
      const res = await gql(app, query, variables, key.auth)
      expect(res.body.errors).toBeUndefined()
      reached.add('Mutation')
      record(res.body.data)
      return res.body.data
    }
    // a media item with per-edition text, attached to the probe article: the demo has neither
    const media = await run(typed(`mutation($input: CreateMediaInput!) { createMedia(input: $input) { ${selection(schema.getType('Media')!, 1)} } }`),
      { input: { kind: 'IMAGE', url: 'https://cdn.example/drift.jpg', mimeType: 'image/jpeg', translations: [{ edition: 'ar', caption: 'تجربة' }] } })
    const created = await run(typed(`mutation($input: CreateArticleInput!) { createArticle(input: $input) { ${selection(schema.getType('Article')!, 1)} } }`),
      { input: { edition: 'en', title: 'Schema drift probe', attachments: [{ mediaId: media.createMedia.id, label: 'Probe' }] } })
    await run(typed('mutation($id: ID!) { deleteArticle(id: $id) { deletedId databaseId } }'), { id: created.createArticle.id })
    await run(typed(`mutation($input: CreateAuthorInput!) { createAuthor(input: $input) { ${selection(schema.getType('Author')!, 1)} } }`), { input: { name: 'Schema drift author', translations: [{ edition: 'fa', name: 'نویسنده' }] } })
    const admin = issueKey(app, 'admin')
    const identity = await gql(app, typed(`mutation($input: UpdateSettingsInput!) { updateSettings(edition: "en", input: $input) { ${selection(schema.getType('SiteSettings')!, 1)} } }`),
      { input: { copyrightHolder: 'Quire', copyrightStartYear: 2003 } }, admin.auth)
    expect(identity.body.errors).toBeUndefined()
    record(identity.body.data)
  })

  it('comments, form tokens and comment submission', async () => {
    const query = schema.getQueryType()!
    const mutation = schema.getMutationType()!
    seedApprovedComment(app, 1)
    const articleId = toGlobalId('Article', 1)
    record(await data(app, typed(`{ comments(articleId: "${articleId}", first: 2) { ${selection(getNamedType(query.getFields().comments!.type), 1)} } }`)))
    const token = await data(app, typed(`{ commentToken(articleId: "${articleId}") { ${selection(getNamedType(query.getFields().commentToken!.type), 1)} } }`))
    record(token)
    const submitted = await data(app, typed(`mutation($input: SubmitCommentInput!) { submitComment(input: $input) { ${selection(getNamedType(mutation.getFields().submitComment!.type), 1)} } }`),
      { input: { articleId, token: token.commentToken.token, authorName: 'Drift', body: 'Schema drift probe' } })
    record(submitted)
    // moderation, with an editor's key: every field of the moderator's view and the payloads
    const { issueKey } = await import('../helpers/keys.js')
    const { gql } = await import('../helpers/graphql.js')
    const editor = issueKey(app, 'editor').auth
    const moderate = async (name: string, args: string) => {
      const res = await gql(app, typed(`mutation { ${name}(${args}) { ${selection(getNamedType(mutation.getFields()[name]!.type), 1)} } }`), undefined, editor)
      expect(res.body.errors).toBeUndefined()
      record(res.body.data)
    }
    const id = submitted.submitComment.databaseId as number
    await moderate('approveComment', `id: ${id}`)
    await moderate('bulkModerateComments', `ids: [${id}], action: TRASH`)
    await moderate('deleteComment', `id: ${id}`)
  })

  it('search results and suggestions', async () => {
    const query = schema.getQueryType()!
    record(await data(app, typed(`{ search(query: "the", first: 2) { ${selection(getNamedType(query.getFields().search!.type), 1)} } }`)))
    record(await data(app, typed(`{ searchSuggestions(query: "the", first: 2) { ${selection(getNamedType(query.getFields().searchSuggestions!.type), 1)} } }`)))
  })

  it('reaches every object type of the schema', () => {
    const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__')).map((t) => t.name)
    expect(objectTypes.filter((name) => !reached.has(name))).toEqual([])
  })
})
