// The slice of wpapi's API these tests use; the package ships no types.
declare module 'wpapi' {
  interface WPRequest extends PromiseLike<unknown> {
    param (name: string, value: unknown): WPRequest
    perPage (n: number): WPRequest
    page (n: number): WPRequest
    embed (): WPRequest
    categories (ids: number | number[]): WPRequest
    slug (slug: string): WPRequest
    id (id: number): WPRequest
  }
  export default class WPAPI {
    constructor (options: { endpoint: string })
    posts (): WPRequest
    pages (): WPRequest
    categories (): WPRequest
    tags (): WPRequest
  }
}
