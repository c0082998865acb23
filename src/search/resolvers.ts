import { InvalidInputError } from '../errors.js'
import { connectionOf } from '../graphql/connection.js'
import type { InputMaybe, SearchFilter, SearchOrder, SearchType as GraphQLSearchType } from '../graphql/generated.js'
import type { QuireResolvers } from '../graphql/types.js'
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS } from './limits.js'
import type { SearchOptions } from './service.js'
import type { SearchHit } from './parent-types.js'
import type { SearchSort, SearchType } from './statements.js'


const sortOf: Record<SearchOrder, SearchSort> = { RELEVANCE: 'relevance', PUBLISHED_AT_DESC: '-publishedAt' }
const typeOf: Record<GraphQLSearchType, SearchType> = { ARTICLES: 'articles', PAGES: 'pages' }

// the union's member, named for graphql-js' default type resolver (as Node does, graphql/node.ts)
const resultOf = (hit: SearchHit) => hit.type === 'article'
  ? { ...hit.record, __typename: 'Article' as const }
  : { ...hit.record, __typename: 'Page' as const }

/** GraphQL's filter input is REST's query parameters by another name: the service takes either. */
function filterOptions (filter: InputMaybe<SearchFilter> | undefined): Omit<SearchOptions, 'q'> {
  const options: Omit<SearchOptions, 'q'> = {}
  if (filter === null || filter === undefined) return options
  for (const name of ['edition', 'category', 'tag', 'author', 'publishedAfter', 'publishedBefore'] as const) {
    const value = filter[name]
    if (value !== null && value !== undefined) options[name] = value
  }
  if (filter.type !== null && filter.type !== undefined) options.type = typeOf[filter.type]
  return options
}

export const searchResolvers = {
  Query: {
    search: (_root, args, ctx) => {
      const options: SearchOptions = { q: args.query, ...filterOptions(args.filter), sort: sortOf[args.orderBy] }
      return connectionOf(args, ctx.cursors, ({ limit, cursor }) =>
        ctx.services.search.search({ ...options, limit, ...(cursor !== undefined ? { cursor } : {}) }))
    },
    searchSuggestions: (_root, args, ctx) => {
      const first = args.first ?? DEFAULT_SUGGESTIONS
      if (first < 1 || first > MAX_SUGGESTIONS) {
        throw new InvalidInputError(`"first" must be between 1 and ${MAX_SUGGESTIONS}.`, [{ name: 'first', reason: `must be between 1 and ${MAX_SUGGESTIONS}` }])
      }
      return ctx.services.search.suggest({ q: args.query, limit: first, ...(args.edition !== null && args.edition !== undefined ? { edition: args.edition } : {}) })
    }
  },
  SearchConnection: {
    nodes: (connection) => connection.nodes.map(resultOf)
  },
  SearchEdge: {
    node: (edge) => resultOf(edge.node),
    highlight: (edge) => edge.node.highlight
  },
  SearchSuggestion: {
    title: (suggestion) => suggestion.record.title,
    article: (suggestion) => suggestion.record
  }
} satisfies QuireResolvers
