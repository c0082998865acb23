import { createHash } from 'node:crypto'
// What the benchmark asks the server, as data. Each scenario is either a fixed request or a setup
// function that asks the running server first (slugs, cursors, ETags only exist after seeding).
// To add a capability's scenario: add an object here; nothing in the runner changes.

export type Method = 'GET' | 'POST'

export interface LoadRequest {
  method: Method
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface Prepared {
  requests: LoadRequest[]
  /** How the requests were chosen, when that affects how to read the number (shown in the table and JSON). */
  note?: string
  /**
   * Asked again before every measured run, for requests that carry state a write elsewhere in the
   * session changes. The churn rows edit the newest article, so an ETag taken once at setup would go
   * stale and earn 200s; a revalidating CDN holds the validator it last received, and so does the row.
   */
  refresh?: () => Promise<LoadRequest[]>
}

export interface FetchedResponse {
  status: number
  headers: Headers
  json: unknown
}

export interface SetupContext {
  /** Synthetic articles seeded (demo content comes on top). */
  articles: number
  get (path: string, headers?: Record<string, string>): Promise<FetchedResponse>
  post (path: string, body: string, headers: Record<string, string>): Promise<FetchedResponse>
  /** Setup work shared between scenarios (the deep-page walk feeds both `deep-page` and `mixed`) runs once per server. */
  memo<T> (key: string, compute: () => Promise<T>): Promise<T>
}

/** Thrown by a setup when the server legitimately lacks what the scenario measures: reported, not failed. */
export class ScenarioSkipped extends Error {}

export interface Probe {
  method?: Method
  path: string
  body?: string
}

export interface Scenario {
  name: string
  describe: string
  expectStatus: number
  method?: Method
  path?: string
  headers?: Record<string, string>
  body?: string
  setup?: (context: SetupContext) => Promise<Prepared>
  /** Probed before setup; a 404 means the capability has not landed and the row reads "not available". */
  requires?: string | Probe
  /** Placeholders whose request shape is not decided yet stay visible in the table with their reason. */
  enabled?: boolean
  disabledReason?: string
  /** Part of the --growth comparison across article counts. */
  core?: boolean
  /**
   * The same response from bench/same-data-server.ts: a fixed path there, or a function of each Quire
   * request's path (by-slug rotates). Measured in the same round; the table's `× same-data` column.
   */
  sameData?: { path: string | ((quirePath: string) => string) }
  /** Writes while the measured run lasts (bench/churn.ts): a draft body twice a second, or a published article every 5 s. */
  churn?: ChurnKind
  /** Run against a second Quire process on the same database with RESPONSE_CACHE_MB=0. */
  uncached?: boolean
  /** The scenario this one is compared with, round by round: the table's `× reference` column. */
  reference?: string
}

export type ChurnKind = 'draft' | 'publish'

export const helloWorld: Scenario = {
  name: 'hello-world',
  describe: 'Bare Fastify 5 `GET /` → {hello:"world"} in its own process: the ceiling every ratio is taken against',
  method: 'GET',
  path: '/',
  expectStatus: 200
}

const LIST = '/v1/articles?edition=en&limit=20&include=authors,categories'
const FULL_FIELDS = 'id,slug,title,excerpt,body,publishedAt,updatedAt,authors,categories,url'
const SLUG_ROTATION = 1000
const SLUG_PAGE = 100
const WP_POSTS = '/wp-json/wp/v2/posts?lang=en&per_page=10&_embed'
const V1_SAME_AS_WP = '/v1/articles?edition=en&limit=10&include=authors,categories,tags,featuredMedia,translations&fields=id,edition,slug,title,excerpt,body,publishedAt,updatedAt,featured,commentStatus,url,featuredMedia,authors,categories,tags,translations'
// Walking the whole archive costs one request per 100 articles; past this size the oldest-first sort reaches the archive's end in one request.
const WALK_LIMIT_ARTICLES = 100_000
const WALK_PAGE = 100

// The GraphQL equivalent of the list-summaries REST request.
const graphqlListQuery = '{ articles(filter: { edition: "en" }, first: 20) { totalCount edges { node { databaseId slug title excerpt publishedAt url authors { name slug } categories { name slug } } } } }'

const get = (path: string, headers?: Record<string, string>): LoadRequest =>
  headers !== undefined ? { method: 'GET', path, headers } : { method: 'GET', path }

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

interface ListPage {
  data: Array<Record<string, unknown>>
  nextCursor: string | null
}

/** Reads a list envelope, failing with the endpoint and status so a contract break is obvious in the report. */
async function listPage (context: SetupContext, path: string): Promise<ListPage> {
  const response = await context.get(path)
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status} ${JSON.stringify(response.json).slice(0, 300)}`)
  const body = response.json
  if (!isRecord(body) || !Array.isArray(body.data) || !isRecord(body.meta)) {
    throw new Error(`GET ${path} → not a list envelope {data, meta}`)
  }
  const next = body.meta.nextCursor
  return {
    data: body.data.filter(isRecord),
    nextCursor: typeof next === 'string' && next !== '' ? next : null
  }
}

async function articleSlugs (context: SetupContext): Promise<string[]> {
  return await context.memo('slugs', async () => {
    const slugs: string[] = []
    let cursor: string | null = null
    while (slugs.length < SLUG_ROTATION) {
      const page = await listPage(context, `/v1/articles?edition=en&limit=${SLUG_PAGE}` + (cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''))
      slugs.push(...page.data.map((article) => article.slug).filter((slug): slug is string => typeof slug === 'string'))
      cursor = page.nextCursor
      if (cursor === null) break
    }
    if (slugs.length === 0) throw new Error('the article list returned no slugs')
    return slugs.slice(0, SLUG_ROTATION)
  })
}

const bySlugPath = (slug: string): string => `/v1/editions/en/articles/${encodeURIComponent(slug)}`

/** A top-level category with children, so the descendant expansion is actually exercised. */
async function parentCategory (context: SetupContext): Promise<{ slug: string, children: number }> {
  return await context.memo('parent-category', async () => {
    const rows: Array<Record<string, unknown>> = []
    let cursor: string | null = null
    for (let pages = 0; pages < 50; pages++) {
      const page = await listPage(context, '/v1/categories?edition=en&limit=100' + (cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''))
      rows.push(...page.data)
      cursor = page.nextCursor
      if (cursor === null) break
    }
    const childCount = new Map<unknown, number>()
    for (const row of rows) {
      if (row.parentId !== null && row.parentId !== undefined) childCount.set(row.parentId, (childCount.get(row.parentId) ?? 0) + 1)
    }
    const parents = rows
      .filter((row) => (row.parentId === null || row.parentId === undefined) && typeof row.slug === 'string' && (childCount.get(row.id) ?? 0) > 0)
      .sort((a, b) => (childCount.get(b.id) ?? 0) - (childCount.get(a.id) ?? 0))
    const chosen = parents[0]
    if (chosen === undefined) throw new Error(`no top-level category with children among ${rows.length} categories of edition en`)
    return { slug: chosen.slug as string, children: childCount.get(chosen.id) ?? 0 }
  })
}

interface DeepPage {
  path: string
  note: string
}

/**
 * A keyset page at the far end of the archive, to show that depth costs nothing.
 * Up to WALK_LIMIT_ARTICLES the default (newest-first) list is walked with limit=100 and the cursor of the
 * last *full* page is kept; that cursor is then asked for with limit=20, and if the server binds the limit
 * into its cursors the scenario keeps limit=100 and says so. Beyond that size walking would take minutes,
 * so the setup asks for the oldest-first order (`sort=publishedAt`) and uses its second page: a cursor page
 * at the archive's oldest end, reached in one request.
 */
async function deepPage (context: SetupContext): Promise<DeepPage> {
  return await context.memo('deep-page', async () => {
    if (context.articles > WALK_LIMIT_ARTICLES) {
      const oldest = await context.get('/v1/articles?edition=en&sort=publishedAt&limit=20')
      const next = isRecord(oldest.json) && isRecord(oldest.json.meta) ? oldest.json.meta.nextCursor : null
      if (oldest.status === 200 && typeof next === 'string') {
        return {
          path: `/v1/articles?edition=en&sort=publishedAt&limit=20&cursor=${encodeURIComponent(next)}`,
          note: 'oldest-first page 2 (sort=publishedAt): the archive end without a walk'
        }
      }
      process.stderr.write(`deep-page: sort=publishedAt answered ${oldest.status}; walking ${context.articles} articles instead\n`)
    }
    return await walkToTheEnd(context)
  })
}

async function walkToTheEnd (context: SetupContext): Promise<DeepPage> {
  const base = `/v1/articles?edition=en&limit=${WALK_PAGE}`
  let cursor: string | null = null
  let lastFullCursor: string | null = null
  let pages = 0
  let depth = 0
  const started = Date.now()
  for (;;) {
    const page = await listPage(context, base + (cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''))
    pages++
    if (cursor !== null && page.data.length === WALK_PAGE) {
      lastFullCursor = cursor
      depth = (pages - 1) * WALK_PAGE
    }
    if (page.nextCursor === null) break
    cursor = page.nextCursor
  }
  const walked = `walked ${pages} pages of ${WALK_PAGE} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  if (lastFullCursor === null) throw new ScenarioSkipped(`archive has a single page (${walked})`)
  const encoded = encodeURIComponent(lastFullCursor)
  const narrow = `/v1/articles?edition=en&limit=20&cursor=${encoded}`
  if ((await context.get(narrow)).status === 200) {
    return { path: narrow, note: `cursor after ${depth} articles, limit=20 (${walked})` }
  }
  return {
    path: `${base}&cursor=${encoded}`,
    note: `cursor after ${depth} articles, limit=100: the server binds limit into cursors (${walked})`
  }
}

const listSummaries: Scenario = {
  name: 'list-summaries',
  describe: 'First page of the English list, 20 summaries with authors and categories embedded (no bodies)',
  method: 'GET',
  path: LIST,
  expectStatus: 200,
  core: true
}

const listFullBodies: Scenario = {
  name: 'list-full-bodies',
  describe: 'Same page asking for full bodies through `fields`: the cost of shipping article bodies in a list',
  method: 'GET',
  path: `${LIST}&fields=${FULL_FIELDS}`,
  expectStatus: 200,
  sameData: { path: '/list-full-bodies/en' }
}

const articleBySlug: Scenario = {
  name: 'article-by-slug',
  describe: `One article by slug, rotating through up to ${SLUG_ROTATION} slugs of the newest (each connection starts at a different slug)`,
  expectStatus: 200,
  core: true,
  // the same-data server's route is Quire's without the /v1 prefix
  sameData: { path: (quirePath) => quirePath.replace(/^\/v1/, '') },
  async setup (context) {
    const slugs = await articleSlugs(context)
    return { requests: slugs.map((slug) => get(bySlugPath(slug))), note: `${slugs.length} slugs` }
  }
}

const graphqlPost: Scenario = {
  name: 'graphql-post',
  describe: 'GraphQL POST: the list-summaries page (newest 20 of an edition with authors and categories) as a Relay connection',
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: graphqlListQuery }),
  expectStatus: 200,
  requires: '/graphql?query=%7B__typename%7D',
  reference: 'list-summaries'
}

/** A scenario run again under another condition, reported against the original round by round. */
function variant (base: Scenario, suffix: string, describe: string, extra: Partial<Scenario>): Scenario {
  const { core: _core, ...rest } = base
  return { ...rest, name: `${base.name}:${suffix}`, describe: `${base.describe} — ${describe}`, reference: base.name, ...extra }
}

// what every browser sends, and what a CDN forwards (or asks with) on a miss
const browserEncoding = { 'accept-encoding': 'gzip, deflate, br' }

/** The same requests as a browser or CDN sends them: the server answers with a compressed body. */
function compressedVariant (base: Scenario): Scenario {
  const setup = base.setup
  return variant(base, 'compressed', `asked with \`Accept-Encoding: ${browserEncoding['accept-encoding']}\`; reported against the same requests without it`, {
    sameData: undefined,
    headers: { ...base.headers, ...browserEncoding },
    ...(setup !== undefined
      ? {
          async setup (context: SetupContext): Promise<Prepared> {
            const prepared = await setup(context)
            return { ...prepared, requests: prepared.requests.map((request) => ({ ...request, headers: { ...request.headers, ...browserEncoding } })) }
          }
        }
      : {})
  })
}

const churnDraft = 'while an editor saves a draft body twice a second (PATCH over HTTP)'
const churnPublish = 'while the newest published article (first of the list, first slug) is edited every 5 s'
const uncached = 'on a second Quire process with the response cache off (RESPONSE_CACHE_MB=0)'

/** Writes during reads, the rendering path without the replay cache, and GraphQL against REST. */
const variants: Scenario[] = [
  variant(listFullBodies, 'churn-draft', churnDraft, { churn: 'draft', sameData: undefined }),
  variant(listFullBodies, 'churn-publish', churnPublish, { churn: 'publish', sameData: undefined }),
  variant(articleBySlug, 'churn-draft', churnDraft, { churn: 'draft', sameData: undefined }),
  variant(articleBySlug, 'churn-publish', churnPublish, { churn: 'publish', sameData: undefined }),
  variant(listSummaries, 'uncached', uncached, { uncached: true }),
  variant(listFullBodies, 'uncached', uncached, { uncached: true }),
  variant(articleBySlug, 'uncached', uncached, { uncached: true }),
  variant(graphqlPost, 'uncached', uncached + '; reported against the uncached REST list', { uncached: true, reference: 'list-summaries:uncached' }),
  compressedVariant(listSummaries),
  compressedVariant(listFullBodies),
  compressedVariant(articleBySlug),
  compressedVariant(graphqlPost)
]

export const scenarios: Scenario[] = [
  listSummaries,
  listFullBodies,
  articleBySlug,
  {
    name: 'deep-page',
    describe: 'A keyset cursor page at the end of the archive: should cost what the first page costs',
    expectStatus: 200,
    core: true,
    async setup (context) {
      const deep = await deepPage(context)
      return { requests: [get(deep.path)], note: deep.note }
    }
  },
  {
    name: 'category-with-descendants',
    describe: 'Articles of a top-level category including its subcategories, 20 per page with authors and categories',
    expectStatus: 200,
    async setup (context) {
      const category = await parentCategory(context)
      return {
        requests: [get(`/v1/articles?edition=en&category=${encodeURIComponent(category.slug)}&limit=20&include=authors,categories`)],
        note: `category "${category.slug}" with ${category.children} children`
      }
    }
  },
  {
    name: 'revalidate-304',
    describe: 'The list-summaries request sent with the If-None-Match its ETag earned: what a revalidating cache or CDN costs',
    expectStatus: 304,
    async setup (context) {
      const revalidation = async (): Promise<LoadRequest[]> => {
        const first = await context.get(LIST)
        if (first.status !== 200) throw new Error(`GET ${LIST} → ${first.status}`)
        const etag = first.headers.get('etag')
        if (etag === null || etag === '') throw new ScenarioSkipped('no ETag')
        return [get(LIST, { 'if-none-match': etag })]
      }
      return { requests: await revalidation(), refresh: revalidation, note: 'ETag taken again before each run' }
    }
  },
  {
    name: 'mixed',
    describe: 'A rotation of list, by-slug, category and deep-page requests in equal parts, in one run',
    expectStatus: 200,
    async setup (context) {
      const [slugs, category, deep] = await Promise.all([articleSlugs(context), parentCategory(context), deepPage(context)])
      const categoryRequest = get(`/v1/articles?edition=en&category=${encodeURIComponent(category.slug)}&limit=20&include=authors,categories`)
      const requests: LoadRequest[] = []
      for (const slug of slugs.slice(0, 10)) requests.push(get(LIST), get(bySlugPath(slug)), categoryRequest, get(deep.path))
      return { requests, note: `${requests.length}-request rotation` }
    }
  },

  // Capabilities beyond the REST read API. Each probes its route first (404 → "not available"), so the
  // runner still works against a build without them.
  graphqlPost,
  {
    name: 'graphql-persisted-get',
    describe: 'The graphql-post query as an automatic persisted query over GET (the CDN-cacheable form)',
    expectStatus: 200,
    requires: '/graphql?query=%7B__typename%7D',
    async setup (context) {
      const sha256Hash = createHash('sha256').update(graphqlListQuery).digest('hex')
      const extensions = { persistedQuery: { version: 1, sha256Hash } }
      // APQ: the first POST carries the query and registers it under its hash
      const registered = await context.post('/graphql', JSON.stringify({ query: graphqlListQuery, extensions }), { 'content-type': 'application/json' })
      if (registered.status !== 200) throw new Error(`persisted query registration answered ${registered.status}`)
      return {
        requests: [get(`/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, { 'mercurius-require-preflight': 'true' })],
        note: 'registered once by POST, then GET by sha256 hash'
      }
    }
  },
  {
    name: 'rss-feed',
    describe: 'RSS 2.0 feed of the English edition: the newest 20 articles with full bodies, bylines, categories and media',
    method: 'GET',
    path: '/feeds/en/rss.xml',
    expectStatus: 200,
    requires: '/feeds/en/rss.xml'
  },
  {
    name: 'search-arabic',
    describe: 'Two-term full-text search in the Arabic edition, «أسعار الخبز» (bread prices): hamza folding, the last word as a prefix, bm25 ranking, snippets',
    method: 'GET',
    path: `/v1/search?edition=ar&q=${encodeURIComponent('أسعار الخبز')}&limit=20`,
    expectStatus: 200,
    requires: '/v1/search?edition=ar&q=x'
  },
  {
    name: 'search-latin',
    describe: 'Two-term full-text search in the English edition, "bread prices": the last word as a prefix, bm25 ranking, snippets',
    method: 'GET',
    path: '/v1/search?edition=en&q=bread%20prices&limit=20',
    expectStatus: 200,
    requires: '/v1/search?edition=en&q=x'
  },
  {
    name: 'sync-initial',
    describe: 'First page of an initial sync of the English edition: 100 articles with full bodies, as upserts',
    method: 'GET',
    path: '/v1/sync?edition=en&limit=100',
    expectStatus: 200,
    requires: '/v1/sync?limit=1'
  },
  {
    name: 'sync-delta',
    describe: 'A poll with a token at the head of the stream (nothing changed): what a syncing client costs while it waits',
    expectStatus: 200,
    requires: '/v1/sync?limit=1',
    async setup (context) {
      const head = await syncHeadToken(context)
      return { requests: [get(`/v1/sync?token=${head.token}`)], note: `token after an initial sync of ${head.pages} pages of 500` }
    }
  },
  {
    name: 'suggest',
    describe: 'Type-ahead title suggestions for a three-letter prefix ("ris" → Rising …)',
    method: 'GET',
    path: '/v1/search/suggest?edition=en&q=ris',
    expectStatus: 200,
    requires: '/v1/search/suggest?edition=en&q=x'
  },
  // The WordPress-compatible API against /v1 for the same ten articles and the same relations,
  // side by side: the bridge should cost at most 1/0.8 of the native list.
  {
    name: 'wp-posts-embed',
    describe: 'WordPress-compatible `/wp-json/wp/v2/posts?per_page=10&_embed` (English): bodies, authors, featured media and terms embedded',
    method: 'GET',
    path: WP_POSTS,
    expectStatus: 200,
    requires: '/wp-json/wp/v2/posts?per_page=1'
  },
  {
    name: 'v1-same-as-wp-posts',
    describe: 'The same ten articles from /v1 with bodies, authors, featured media, categories and tags embedded: the baseline of wp-posts-embed',
    method: 'GET',
    path: V1_SAME_AS_WP,
    expectStatus: 200
  },
  ...variants
]

/** A sync token at the head of the stream: the initial sync of an edition walked to its end. */
async function syncHeadToken (context: SetupContext): Promise<{ token: string, pages: number }> {
  return await context.memo('sync-head', async () => {
    let path = '/v1/sync?edition=en&limit=500'
    for (let pages = 1; pages <= 10_000; pages++) {
      const response = await context.get(path)
      const meta = isRecord(response.json) ? response.json.meta : undefined
      if (response.status !== 200 || !isRecord(meta) || typeof meta.nextSyncToken !== 'string') {
        throw new Error(`GET ${path} → ${response.status} ${JSON.stringify(response.json).slice(0, 300)}`)
      }
      if (meta.hasMore !== true) return { token: meta.nextSyncToken, pages }
      path = `/v1/sync?limit=500&token=${meta.nextSyncToken}`
    }
    throw new Error('the initial sync did not end within 10,000 pages')
  })
}

/** The fixed request of a scenario without setup. */
export function staticRequests (scenario: Scenario): LoadRequest[] {
  if (scenario.path === undefined) throw new Error(`scenario ${scenario.name} has neither path nor setup`)
  const request: LoadRequest = { method: scenario.method ?? 'GET', path: scenario.path }
  if (scenario.headers !== undefined) request.headers = scenario.headers
  if (scenario.body !== undefined) request.body = scenario.body
  return [request]
}
