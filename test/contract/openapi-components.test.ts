import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// openapi.yaml is what the server serves (openapi.test.ts checks that); here, how its bodies are named.
const document = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as Record<string, any>
const schemas = document.components.schemas as Record<string, any>
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

function bodies (): Array<{ where: string, schema: Record<string, unknown> }> {
  const out: Array<{ where: string, schema: Record<string, unknown> }> = []
  for (const [path, item] of Object.entries(document.paths as Record<string, any>)) {
    for (const [method, operation] of Object.entries(item as Record<string, any>)) {
      const request = operation?.requestBody?.content?.['application/json']?.schema
      if (request !== undefined) out.push({ where: `${method} ${path} request`, schema: request })
      for (const [status, response] of Object.entries((operation?.responses ?? {}) as Record<string, any>)) {
        const schema = response?.content?.['application/json']?.schema
        if (/^2/.test(status) && schema !== undefined) out.push({ where: `${method} ${path} ${status}`, schema })
      }
    }
  }
  return out
}

describe('named component schemas', () => {
  it('every JSON request body and success response refers to a named schema', () => {
    const all = bodies()
    expect(all.length).toBeGreaterThan(100)
    for (const { where, schema } of all) {
      expect(Object.keys(schema), where).toEqual(['$ref'])
      expect(schemas[String(schema.$ref).replace('#/components/schemas/', '')], where).toBeDefined()
    }
  })

  it('names envelopes and lists for what they hold, request bodies for their operation', () => {
    const articles = document.paths['/v1/articles']
    expect(articles.get.responses['200'].content['application/json'].schema).toEqual(ref('ArticleList'))
    expect(schemas.ArticleList.properties.data.items).toEqual(ref('Article'))
    expect(schemas.ArticleList.properties.meta).toEqual(ref('NumberedPageMeta'))
    expect(schemas.MediaList.properties.meta).toEqual(ref('CursorPageMeta'))
    expect(schemas.ArticleList.properties.links).toEqual(ref('NumberedPageLinks'))
    expect(schemas.MediaList.properties.links).toEqual(ref('PageLinks'))
    expect(articles.post.requestBody.content['application/json'].schema).toEqual(ref('CreateArticleRequest'))
    expect(articles.post.responses['201'].content['application/json'].schema).toEqual(ref('ArticleEnvelope'))
    expect(document.paths['/v1/articles/{id}'].get.responses['200'].content['application/json'].schema).toEqual(ref('ArticleEnvelope'))
    expect(schemas.ArticleEnvelope.properties.data).toEqual(ref('Article'))
  })

  it('gives no schema a numbered name and keeps no two identical', () => {
    expect(Object.keys(schemas).filter((name) => /\d$/.test(name))).toEqual([])
    const contents = Object.values(schemas).map((schema) => JSON.stringify(schema))
    expect(new Set(contents).size).toBe(contents.length)
  })
})
