import { createRequire } from 'node:module'

/**
 * graphql-js as mercurius loads it. graphql 16 ships a CommonJS build and an ES module build;
 * mercurius `require`s the first, while an `import` resolved bundler-style (vitest) reaches the
 * second — a second copy whose classes fail graphql's own instanceof checks ("Cannot use
 * GraphQLObjectType from another module or realm"). Runtime values come from here; types may be
 * imported from 'graphql' as usual.
 */
export const graphqlJs = createRequire(import.meta.url)('graphql') as typeof import('graphql')
