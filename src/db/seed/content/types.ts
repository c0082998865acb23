/**
 * Shape of one edition's phrase banks. Every bank is parallel across languages
 * (index i means the same thing in each), so articles built from the same
 * indexes are genuine translations of each other.
 */

export const categoryTree = [
  { key: 'politics', children: [] },
  { key: 'human-rights', children: ['womens-rights', 'free-expression'] },
  { key: 'economy', children: [] },
  { key: 'environment', children: ['climate'] },
  { key: 'culture', children: [] },
  { key: 'media', children: ['cartoons', 'news-pictures', 'photo-gallery', 'videos'] },
  { key: 'publications', children: ['books', 'newsletter', 'briefs'] }
] as const

type Tree = typeof categoryTree[number]
export type CategoryKey = Tree['key'] | Tree['children'][number]

export type TopicKey = 'politics' | 'human-rights' | 'womens-rights' | 'free-expression' | 'economy' | 'environment' | 'climate' | 'culture'

/** The topic of each entry in `EditionContent.subjects`, by index. */
export const subjectTopics: readonly TopicKey[] = [
  'politics', 'human-rights', 'economy', 'environment', 'culture', 'womens-rights', 'free-expression',
  'climate', 'politics', 'human-rights', 'economy', 'environment', 'culture', 'womens-rights'
]

export const placeCount = 6

export const articleFormats = ['news', 'video', 'pictures', 'cartoon', 'brief', 'book', 'newsletter', 'gallery'] as const
export type ArticleFormat = typeof articleFormats[number]

export type HiddenStatus = 'draft' | 'scheduled' | 'archived'

export interface PageContent {
  slug: string
  title: string
  body: string
}

export interface EditionContent {
  code: string
  name: string
  nativeName: string
  direction: 'ltr' | 'rtl'
  categories: Record<CategoryKey, { name: string, description: string }>
  /** Parallel across languages: elections, refugees, press freedom, water, corruption, minorities, youth, courts. */
  tags: readonly string[]
  /** Noun phrases, one per `subjectTopics` entry; combined with a place they make a headline. */
  subjects: readonly string[]
  /** `placeCount` locative phrases ("in the capital"), already inflected for the language. */
  places: readonly string[]
  headline: (subject: string, place: string) => string
  lead: (subject: string, place: string) => string
  excerpt: (subject: string, place: string) => string
  formatPrefixes: Record<Exclude<ArticleFormat, 'news'>, string>
  paragraphs: readonly string[]
  subheads: readonly string[]
  quotes: readonly string[]
  keyPoints: { intro: string, items: readonly string[] }
  /** HTML sentence wrapping a link to an external report. */
  reportLink: (href: string) => string
  labels: { watchVideo: string, downloadDocument: string }
  /** One caption per entry of the shared image catalogue, by index. */
  imageCaptions: readonly string[]
  hidden: Record<HiddenStatus, string>
  pages: { about: PageContent, contact: PageContent }
  gallery: { title: string, description: string }
  menu: { primary: string, footer: string, support: string }
  site: { title: string, tagline: string, copyright: (year: number) => string }
}
