import type { FastifyInstance } from 'fastify'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { serveStaticAsset } from '../http/static-asset.js'

const require = createRequire(import.meta.url)
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`))

/**
 * The prebuilt browser bundles GraphiQL 3 ships, with React 18's UMD builds it expects as globals.
 * They are read once at start-up and served from this server, so the IDE works offline and under a
 * CSP that allows scripts from 'self' only. (GraphiQL 4+ and React 19 ship no such bundles.)
 */
const bundles = {
  'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), contentType: 'text/css; charset=utf-8' }
} as const

/** The page's own script, a file rather than inline so the CSP needs no hash or nonce. */
const startScript = `'use strict'
const root = document.getElementById('graphiql')
const fetcher = GraphiQL.createFetcher({ url: new URL(root.dataset.endpoint, location.href).href })
ReactDOM.createRoot(root).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, isHeadersEditorEnabled: true }))
`

export interface GraphiqlOptions {
  /** The path GraphQL is served at, as the browser must ask for it (the public base URL's path + /graphql). */
  endpointPath: string
  /** Where the page and its assets live. */
  pagePath: string
}

export function registerGraphiql (app: FastifyInstance, { endpointPath, pagePath }: GraphiqlOptions): void {
  const assets = `${pagePath}/assets`
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quire GraphQL</title>
<link rel="stylesheet" href="${assets}/graphiql.css">
<link rel="stylesheet" href="${assets}/page.css">
</head>
<body>
<div id="graphiql" data-endpoint="${endpointPath}">Loading GraphiQL…</div>
<script src="${assets}/react.js"></script>
<script src="${assets}/react-dom.js"></script>
<script src="${assets}/graphiql.js"></script>
<script src="${assets}/start.js"></script>
</body>
</html>
`
  // revalidated at every load: a new Quire version may bring a new bundle under the same name
  const revalidate = 'public, max-age=0, must-revalidate'
  serveStaticAsset(app, pagePath, { body: page, contentType: 'text/html; charset=utf-8', cacheControl: revalidate })
  serveStaticAsset(app, `${assets}/start.js`, { body: startScript, contentType: 'text/javascript; charset=utf-8', cacheControl: revalidate })
  serveStaticAsset(app, `${assets}/page.css`, { body: 'html, body, #graphiql { height: 100%; margin: 0; }\n', contentType: 'text/css; charset=utf-8', cacheControl: revalidate })
  for (const [name, { file, contentType }] of Object.entries(bundles)) {
    serveStaticAsset(app, `${assets}/${name}`, { body: readFileSync(file), contentType, cacheControl: 'public, max-age=86400' })
  }
}
