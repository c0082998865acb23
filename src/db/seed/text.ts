/**
 * Latin letters are folded to ASCII (ë → e, ç → c) because that is what readers type;
 * Arabic-script letters are kept as they are, so Arabic and Persian slugs stay readable.
 * Zero-width joiners and tatweel are dropped rather than hyphenated: they sit inside words.
 */
export function slugify (text: string): string {
  let folded = ''
  for (const ch of text.normalize('NFC')) {
    folded += /\p{Script=Latin}/u.test(ch) ? ch.normalize('NFD').replace(/\p{M}/gu, '') : ch
  }
  return folded
    .replace(/\u200c|\u200d|\u0640|\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (ch) => htmlEscapes[ch] ?? ch)
}
