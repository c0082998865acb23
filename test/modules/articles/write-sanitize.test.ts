import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRichTextSanitizer, defaultVideoEmbedHosts } from '../../../src/editorial/sanitize.js'
import { issueKeys, type IssuedKey } from '../../helpers/keys.js'
import { buildTestApp, type TestApp } from '../../helpers/app.js'

const sanitize = createRichTextSanitizer({ videoEmbedHosts: defaultVideoEmbedHosts })

// OWASP XSS Filter Evasion Cheat Sheet style payloads; none may keep a way to run script
const payloads: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>'],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['mixed-case script', '<ScRiPt>alert(1)</sCrIpT>'],
  ['broken-up script', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror with https src', '<img src="https://x.example/a.png" onerror="alert(1)">'],
  ['svg onload', '<svg onload=alert(1)>'],
  ['svg with script inside', '<svg><script>alert(1)</script></svg>'],
  ['body onload', '<body onload=alert(1)>'],
  ['javascript: href', '<a href="javascript:alert(1)">x</a>'],
  ['javascript: with entities', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'],
  ['javascript: with hex entities, no semicolons', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
  ['javascript: with a tab', '<a href="jav\tascript:alert(1)">x</a>'],
  ['javascript: with an encoded tab', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['javascript: with a newline entity', '<a href="jav&#x0A;ascript:alert(1)">x</a>'],
  ['javascript: with leading spaces and control chars', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['upper-case JAVASCRIPT:', '<a href="JAVASCRIPT:alert(1)">x</a>'],
  ['vbscript:', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: html link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['protocol-relative link', '<a href="//evil.example/">x</a>'],
  ['iframe from an unknown host', '<iframe src="https://evil.example/embed"></iframe>'],
  ['iframe with javascript:', '<iframe src="javascript:alert(1)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>" src="https://www.youtube.com/embed/x"></iframe>'],
  ['iframe over http', '<iframe src="http://www.youtube.com/embed/x"></iframe>'],
  ['host confusion', '<iframe src="https://youtube.com.evil.example/embed"></iframe>'],
  ['userinfo confusion', '<iframe src="https://youtube.com@evil.example/embed"></iframe>'],
  ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['style element', '<style>@import "https://evil.example/x.css";</style>'],
  ['event handler on a block', '<p onmouseover="alert(1)">x</p>'],
  ['object', '<object data="https://evil.example/x.swf"></object>'],
  ['embed', '<embed src="https://evil.example/x.swf">'],
  ['form with action', '<form action="javascript:alert(1)"><button>x</button></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['math namespace confusion', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['svg namespace confusion', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['noscript confusion', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['link element', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['formaction', '<button formaction="javascript:alert(1)">x</button>'],
  ['xlink href', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['srcset', '<img src="https://x.example/a.png" srcset="javascript:alert(1) 1x">'],
  ['dir injection', '<p dir="rtl onclick=alert(1)">x</p>'],
  ['html comment trick', '<!--<img src="--><img src=x onerror=alert(1)//">']
]

/** Anything that would let the sanitized HTML run script in a browser. */
function dangerous (html: string): string[] {
  const found: string[] = []
  if (/<\s*(script|style|svg|math|object|embed|form|meta|base|link|template|noscript|body|button)\b/i.test(html)) found.push('element')
  if (/\son[a-z]+\s*=/i.test(html)) found.push('event handler')
  // as a browser reads an attribute: entities decoded, whitespace and control characters ignored
  const decoded = html
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/[\s\x00-\x1f]+/g, '')
  if (/(javascript|vbscript|data):/i.test(decoded)) found.push('scheme')
  if (/(href|src)\s*=\s*"?\s*\/\//i.test(html)) found.push('protocol-relative')
  if (/\sstyle\s*=/i.test(html)) found.push('style')
  if (/\s(srcdoc|srcset|formaction|xlink:href)\s*=/i.test(html)) found.push('attribute')
  for (const [, src] of html.matchAll(/<iframe[^>]*\ssrc="([^"]*)"/gi)) {
    if (!/^https:\/\/(www\.)?(youtube\.com|youtube-nocookie\.com|player\.vimeo\.com)\//.test(src ?? '')) found.push('iframe')
  }
  return found
}

describe('rich-text sanitizer', () => {
  it.each(payloads)('the check itself catches %s before sanitizing', (_name, payload) => {
    expect(dangerous(payload)).not.toEqual([])
  })

  it.each(payloads)('neutralises %s', (_name, payload) => {
    const out = sanitize(payload)
    expect(dangerous(out), out).toEqual([])
  })

  it('keeps the allowlist: structure, links, images, figures, tables, quotes and mixed-direction text', () => {
    const html = [
      '<h2 dir="rtl" lang="ar">عنوان</h2>',
      '<p>Text with <strong>bold</strong>, <em>emphasis</em>, <code>code</code><br>and a <a href="https://example.org/a" title="t">link</a>, <a href="mailto:desk@example.org">mail</a>, <a href="#notes">notes</a>.</p>',
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>',
      '<blockquote lang="en" dir="ltr"><p>Quoted</p></blockquote>',
      '<figure><img src="https://cdn.example.org/p.jpg" alt="A photo" width="800" height="600"><figcaption>Caption</figcaption></figure>',
      '<table><thead><tr><th scope="col">H</th></tr></thead><tbody><tr><td colspan="2">C</td></tr></tbody></table>',
      '<pre><code>x = 1</code></pre><hr>',
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video" allowfullscreen></iframe>',
      '<iframe src="https://player.vimeo.com/video/1"></iframe>',
      '<iframe src="https://www.youtube.com/embed/xyz"></iframe>'
    ].join('')
    const out = sanitize(html)
    for (const kept of ['<h2 dir="rtl" lang="ar">', '<strong>bold</strong>', 'href="https://example.org/a"', 'href="mailto:desk@example.org"', 'href="#notes"', '<ol start="3">',
      '<blockquote lang="en" dir="ltr">', '<img src="https://cdn.example.org/p.jpg" alt="A photo" width="800" height="600" />', '<figcaption>Caption</figcaption>',
      '<th scope="col">', '<td colspan="2">', '<pre><code>', '<hr />', 'src="https://www.youtube-nocookie.com/embed/abc"', 'src="https://player.vimeo.com/video/1"', 'src="https://www.youtube.com/embed/xyz"']) {
      expect(out).toContain(kept)
    }
  })

  it('adds rel="noopener noreferrer" to links that open a new tab and drops other targets', () => {
    expect(sanitize('<a href="https://example.org" target="_blank" rel="opener">x</a>')).toBe('<a href="https://example.org" target="_blank" rel="noopener noreferrer">x</a>')
    expect(sanitize('<a href="https://example.org" target="_top">x</a>')).toBe('<a href="https://example.org">x</a>')
  })

  it('embeds only from the configured hosts', () => {
    const only = createRichTextSanitizer({ videoEmbedHosts: ['player.vimeo.com'] })
    expect(only('<iframe src="https://www.youtube.com/embed/x"></iframe>')).toBe('')
    expect(only('<iframe src="https://player.vimeo.com/video/1"></iframe>')).toContain('player.vimeo.com')
  })
})

describe('bodies are sanitized on every write path', () => {
  let app: TestApp
  let keys: Record<'admin' | 'editor' | 'author' | 'preview', IssuedKey>
  beforeAll(async () => {
    app = await buildTestApp()
    keys = issueKeys(app)
  })
  afterAll(async () => { await app.close() })

  it('stores and serves the sanitized body of created and patched articles and pages', async () => {
    const body = payloads.map(([, p]) => p).join('\n')
    for (const collection of ['articles', 'pages']) {
      const created = await app.inject({ method: 'POST', url: `/v1/${collection}`, headers: keys.editor.auth, payload: { edition: 'en', title: `XSS ${collection}`, body } })
      expect(created.statusCode).toBe(201)
      expect(dangerous(created.json().data.body)).toEqual([])
      const id = created.json().data.id as number
      const patched = await app.inject({ method: 'PATCH', url: `/v1/${collection}/${id}`, headers: keys.editor.auth, payload: { body: `<p>ok</p>${body}` } })
      expect(dangerous(patched.json().data.body)).toEqual([])
      expect(patched.json().data.body).toContain('<p>ok</p>')
    }
  })
})
