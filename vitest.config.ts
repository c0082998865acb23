import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'quire', include: ['test/**/*.test.ts'], provide: { graphqlJit: null } } },
      // the GraphQL tests once more with every document compiled by graphql-jit from its first
      // execution (GRAPHQL_JIT=0): both executors must answer alike, errors included
      { extends: true, test: { name: 'graphql-jit', include: ['test/graphql/**/*.test.ts'], provide: { graphqlJit: 0 } } }
    ]
  }
})
