import { Type, type Static } from '@sinclair/typebox'

export const Redirect = Type.Object({
  from: Type.String({ description: 'The old path, normalized: percent-decoded, NFC, trailing slash; `/?p=ID` for WordPress id links' }),
  to: Type.String({ description: 'The frontend URL that now answers it' }),
  status: Type.Literal(301)
}, { $id: 'Redirect', additionalProperties: false, description: 'Where an old (WordPress) URL moved' })
export type Redirect = Static<typeof Redirect>

export const RedirectQuery = Type.Object({
  path: Type.String({ minLength: 1, maxLength: 2000, description: 'The old path (or full old URL), e.g. `/2022/11/07/some-post/` or `/?p=123`' })
}, { additionalProperties: false })

export const redirectExportFormats = ['json', 'csv', 'nginx'] as const
export const RedirectExportQuery = Type.Object({
  format: Type.Optional(Type.Union(redirectExportFormats.map((f) => Type.Literal(f)), { default: 'json', description: 'json (an array of redirects), csv (from,to,status) or nginx (a `map` block body)' }))
}, { additionalProperties: false })
