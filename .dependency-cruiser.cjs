/**
 * Quire's layering (CONVENTIONS.md §1a) as rules, checked by `npm run lint:deps` in `npm test`.
 * Top to bottom:
 *   server.ts, cli/                 → app.ts, config.ts, services, db/
 *   app.ts, services.ts, graphql-schema.ts (composition root)
 *                                   → every module's index.ts, http/, graphql/, capabilities
 *   capabilities (feeds, sitemaps, search, sync, webhooks, importers, auth, wordpress)
 *                                   → modules' index.ts, editorial/, pagination/, schemas/, db/, errors.ts
 *   modules/<f>/routes|resolvers    → own service/commands/schemas, http/ or graphql/ helpers, schemas/
 *   modules/<f>/service|commands    → editorial/, pagination/, storage/, db/, errors.ts, other modules' index.ts
 *   editorial/, pagination/, storage/, schemas/ → db/, errors.ts, each other
 *   db/                             → nothing above it
 * A module is entered only through its index.ts; its own files import each other freely.
 * No cycles, type-only imports included (tsPreCompilationDeps).
 *
 * A module's tables are its own: other modules ask its service (countByEdition, detachTag, the
 * link-removal port). Imports cannot tell tables apart (all come from db/schema.ts), so that rule
 * is kept by review; the read models that do span tables, each named so at its top, are:
 *   sync/statements.ts, search/statements.ts, editorial/versions.ts (reads), and
 *   webhooks/entity-states.ts (through the modules' services).
 */

const capabilities = '^src/(feeds|sitemaps|search|sync|webhooks|importers|auth|invalidation|wordpress)/'
const compositionRoot = '^src/(app|services|graphql-schema|server|database)\\.ts$'
// Files that face a protocol. They, and only they, may use http/ (routes) or graphql/ (resolvers)
// helpers; every other file of a module or capability is protocol-free.
const protocolFaces = '/(routes|write-routes|resolvers|mutations|index)\\.ts$'
// Leaf type files: types only, importing nothing but DTO schemas, records and other leaves. They are
// what generated.ts may point at, so a module's GraphQL parent types never pull in its resolvers.
const leafTypes = '(/parent-types|^src/graphql/(context|connection-types))\\.ts$'
// A DTO schema may compose another module's DTO schemas (an article embeds Media). Through the
// other module's door that would be a cycle as soon as generated.ts maps both, so schemas.ts files
// reach each other directly.
const schemaFiles = '/(schemas|write-schemas)\\.ts$'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle, even one of types, means two files are one unit pretending to be two.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      comment: 'db/ imports nothing above it: search triggers and SQL functions are handed to openDatabase.',
      from: { path: '^src/db/', pathNot: '^src/db/seed/' },
      to: { path: '^src/', pathNot: '^src/(db/|errors\\.ts$|time\\.ts$)' }
    },
    {
      name: 'seed-uses-only-foundations',
      severity: 'error',
      comment: 'The seed writes content by the rules writes follow (word counts, slugs), so it may use the ' +
        'foundation layers, never a module, a capability or a protocol.',
      from: { path: '^src/db/seed/' },
      to: { path: '^src/', pathNot: '^src/(db/|editorial/|schemas/|pagination/|errors\\.ts$|time\\.ts$)' }
    },
    {
      name: 'seed-only-from-cli-demo-start-up-and-tests',
      severity: 'error',
      comment: 'Demo and synthetic content is not production code: only the CLI, the demo start-up in app.ts ' +
        '(config.seedDemo) and test/ may use it.',
      from: { path: '^src/', pathNot: '^src/(db/seed/|cli/|app\\.ts$)' },
      to: { path: '^src/db/seed/' }
    },
    {
      name: 'app-seeds-only-the-demo',
      severity: 'error',
      comment: 'app.ts may start the demo (seed/demo.ts), nothing else of seed/.',
      from: { path: '^src/app\\.ts$' },
      to: { path: '^src/db/seed/', pathNot: '^src/db/seed/demo\\.ts$' }
    },
    {
      name: 'foundations-stay-below-features',
      severity: 'error',
      comment: 'editorial/, pagination/, storage/, schemas/ and cache-keys/ serve modules; they never know them, nor HTTP or GraphQL.',
      from: { path: '^src/(editorial|pagination|storage|schemas|cache-keys)/' },
      to: { path: `^src/(modules|http|graphql|feeds|sitemaps|search|sync|webhooks|importers|wordpress|cli)/|${compositionRoot}` }
    },
    {
      name: 'infrastructure-does-not-know-modules',
      severity: 'error',
      comment: 'http/ and graphql/ are the protocol kits modules use; the composition root hands them modules.',
      from: { path: '^src/(http|graphql)/', pathNot: '^src/graphql/generated\\.ts$' },
      to: { path: `^src/(modules|feeds|sitemaps|search|sync|webhooks|importers|wordpress|cli)/|${compositionRoot}` }
    },
    {
      name: 'capabilities-do-not-use-http-outside-routes',
      severity: 'error',
      comment: 'A capability\'s service works for REST, GraphQL and the CLI alike; only its routes/resolvers speak a protocol.',
      from: { path: capabilities, pathNot: protocolFaces },
      to: { path: '^src/(http|graphql)/|^(fastify|mercurius)$|^@fastify/', pathNot: leafTypes }
    },
    {
      name: 'module-service-does-not-use-protocols',
      severity: 'error',
      comment: 'A module\'s service and commands never import fastify, mercurius, http/ or graphql/.',
      from: { path: '^src/modules/[^/]+/', pathNot: protocolFaces },
      to: { path: '^src/(http|graphql)/|^(fastify|mercurius)$|^@fastify/', pathNot: leafTypes }
    },
    {
      name: 'protocol-faces-do-not-query',
      severity: 'error',
      comment: 'Routes and resolvers parse, call a service and shape; SQL lives in services (types of the schema are fine).',
      from: { path: `^src/(modules/[^/]+|feeds|sitemaps|search|sync|webhooks|importers|auth|wordpress)${protocolFaces}` },
      to: { path: '^src/db/|^drizzle-orm', dependencyTypesNot: ['type-only'] }
    },
    {
      name: 'features-do-not-reach-up',
      severity: 'error',
      comment: 'Modules and capabilities are handed what they need; they never import the composition root or the CLI.',
      from: { path: `^src/modules/|${capabilities}` },
      to: { path: `^src/cli/|${compositionRoot}` }
    },
    {
      name: 'modules-do-not-import-capabilities',
      severity: 'error',
      comment: 'Capabilities (search, feeds, sync …) sit above modules and read them; the arrow never points back.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(feeds|sitemaps|search|sync|webhooks|importers|wordpress)/' }
    },
    {
      name: 'module-one-door-from-outside',
      severity: 'error',
      comment: 'Other code enters a module only through its index.ts.',
      from: { path: '^src/', pathNot: ['^src/modules/', '^src/graphql/generated\\.ts$', schemaFiles] },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/index\\.ts$', leafTypes] }
    },
    {
      name: 'schemas-compose-only-schemas',
      severity: 'error',
      comment: 'A schemas.ts may reach another module\'s schemas.ts directly (see schemaFiles), nothing else of it.',
      from: { path: schemaFiles },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/(index|schemas|write-schemas)\\.ts$', leafTypes] }
    },
    {
      name: 'module-one-door-between-modules',
      severity: 'error',
      comment: 'A module enters another only through its index.ts; its own files import each other freely.',
      from: { path: '^src/modules/([^/]+)/', pathNot: schemaFiles },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', leafTypes] }
    },
    {
      name: 'generated-code-imports-leaf-types-only',
      severity: 'error',
      comment: 'generated.ts maps GraphQL types to parent types in leaf files (parent-types.ts, graphql/context.ts), ' +
        'never to resolvers, which import generated.ts back.',
      from: { path: '^src/graphql/generated\\.ts$' },
      to: { path: '^src/', pathNot: leafTypes }
    },
    {
      name: 'leaf-type-files-stay-leaves',
      severity: 'error',
      comment: 'Parent types and the GraphQL context type import only types of DTOs, records and other leaf files.',
      from: { path: leafTypes },
      to: {
        path: '^src/',
        pathNot: [
          '/(parent-types|schemas|records)\\.ts$',
          '^src/graphql/(context|connection-types)\\.ts$',
          '^src/(db|pagination|schemas|editorial)/',
          '^src/(errors|time)\\.ts$',
          '^src/auth/principal\\.ts$'
        ]
      }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'Production code runs without devDependencies installed.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count: a cycle of types is still a cycle
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json']
    },
    // NodeNext: `./x.js` in source means `./x.ts`
    extraExtensionsToScan: [],
    reporterOptions: { text: { highlightFocused: true } }
  }
}
