import type { TestApp } from './app.js'

export interface GraphQLResponse<T = any> {
  status: number
  headers: Record<string, unknown>
  body: { data?: T, errors?: Array<{ message: string, path?: Array<string | number>, locations?: unknown, extensions?: { code?: string, [key: string]: unknown } }> }
}

/** POSTs one operation as application/json, the way GraphiQL and most clients do. */
export async function gql<T = any> (app: TestApp, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(variables === undefined ? { query } : { query, variables })
  })
  return { status: res.statusCode, headers: res.headers, body: res.json() }
}

/** The data of a response that must have no errors. */
export async function data<T = any> (app: TestApp, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await gql<T>(app, query, variables)
  if (res.body.errors !== undefined || res.status !== 200) {
    throw new Error(`unexpected GraphQL errors (${res.status}): ${JSON.stringify(res.body.errors)}`)
  }
  return res.body.data as T
}

export const codes = (res: GraphQLResponse): Array<string | undefined> => (res.body.errors ?? []).map((e) => e.extensions?.code)
