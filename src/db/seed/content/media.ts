import type { Rendition } from '../../schema.js'

export interface MediaSpec {
  key: string
  kind: 'image' | 'video' | 'audio' | 'document'
  url: string
  mimeType: string
  bytes: number
  width: number | null
  height: number | null
  durationSeconds: number | null
  altText: string | null
  caption: string | null
  credit: string | null
  renditions: Rendition[]
}

const cdn = 'https://cdn.example.org'

// Sizes are derived from the original so every rendition keeps its aspect ratio.
function imageRenditions (file: string, width: number, height: number, bytes: number): Rendition[] {
  return [
    { name: 'thumbnail', w: 320 }, { name: 'medium', w: 768 }, { name: 'large', w: 1600 }
  ].filter((r) => r.w < width).map((r) => ({
    name: r.name,
    url: `${cdn}/images/${file}-${r.w}w.jpg`,
    width: r.w,
    height: Math.round(height * r.w / width),
    mimeType: 'image/jpeg',
    bytes: Math.round(bytes * (r.w / width) ** 2)
  }))
}

function image (file: string, width: number, height: number, bytes: number, alt: string, credit: string): MediaSpec {
  return {
    key: file,
    kind: 'image',
    url: `${cdn}/images/${file}.jpg`,
    mimeType: 'image/jpeg',
    bytes,
    width,
    height,
    durationSeconds: null,
    altText: alt,
    caption: `${alt}.`,
    credit,
    renditions: imageRenditions(file, width, height, bytes)
  }
}

function video (file: string, seconds: number, bytes: number, title: string): MediaSpec {
  const mp4 = (name: string, height: number, share: number): Rendition => ({
    name, url: `${cdn}/videos/${file}-${name}.mp4`, width: Math.round(height * 16 / 9), height, mimeType: 'video/mp4', bytes: Math.round(bytes * share)
  })
  return {
    key: file,
    kind: 'video',
    url: `${cdn}/videos/${file}.mp4`,
    mimeType: 'video/mp4',
    bytes,
    width: 1920,
    height: 1080,
    durationSeconds: seconds,
    altText: title,
    caption: title,
    credit: 'Video: Quire News',
    renditions: [
      mp4('720p', 720, 0.45),
      mp4('360p', 360, 0.15),
      { name: 'poster', url: `${cdn}/videos/${file}-poster.jpg`, width: 1280, height: 720, mimeType: 'image/jpeg', bytes: 142_000 }
    ]
  }
}

function document (file: string, bytes: number, title: string): MediaSpec {
  return {
    key: file,
    kind: 'document',
    url: `${cdn}/documents/${file}.pdf`,
    mimeType: 'application/pdf',
    bytes,
    width: null,
    height: null,
    durationSeconds: null,
    altText: title,
    caption: title,
    credit: 'Quire News',
    renditions: [{ name: 'cover', url: `${cdn}/documents/${file}-cover.jpg`, width: 600, height: 848, mimeType: 'image/jpeg', bytes: 88_000 }]
  }
}

/** Order matters: `EditionContent.imageCaptions` is indexed like this list. */
export const sceneImages: readonly MediaSpec[] = [
  image('parliament-session', 2400, 1600, 612_400, 'Members of parliament during a plenary session', 'Photo: Quire News / A. Rahimi'),
  image('market-stalls', 2400, 1600, 734_900, 'Fruit and vegetable stalls at a busy city market', 'Photo: Quire News / L. Haddad'),
  image('river-valley', 2400, 1350, 540_100, 'A river winding through a dry valley', 'Photo: E. Dushku'),
  image('coastal-cleanup', 2400, 1600, 688_300, 'Volunteers collecting plastic waste on a beach', 'Photo: Quire News / A. Hoxha'),
  image('polling-station', 2000, 1333, 498_700, 'Voters queueing outside a polling station', 'Photo: Quire News / M. Thompson'),
  image('newsroom', 2400, 1600, 455_000, 'Journalists at work in a newsroom', 'Photo: Quire News'),
  image('wheat-field', 2400, 1350, 801_200, 'A farmer inspecting wheat in a parched field', 'Photo: R. Karimi'),
  image('library-reading-room', 2400, 1600, 590_600, 'Readers in the reading room of a public library', 'Photo: Quire News / S. Ahmadi'),
  image('peaceful-march', 2400, 1600, 702_800, 'A peaceful march through the city centre', 'Photo: Quire News / O. Nasser'),
  image('border-crossing', 2400, 1350, 566_400, 'Lorries waiting at a border crossing at dusk', 'Photo: D. Okafor'),
  image('womens-cooperative', 2400, 1600, 647_500, "Members of a women's cooperative sorting produce", 'Photo: Quire News / L. Haddad'),
  image('open-air-cinema', 2400, 1350, 512_900, 'An audience at an open-air film screening', 'Photo: Quire News / E. Dushku')
]

export const avatarImages: readonly MediaSpec[] = [
  image('portrait-maya-thompson', 800, 800, 96_300, 'Portrait of Maya Thompson', 'Quire News'),
  image('portrait-layla-haddad', 800, 800, 101_700, 'Portrait of Layla Haddad', 'Quire News'),
  image('portrait-reza-karimi', 800, 800, 94_100, 'Portrait of Reza Karimi', 'Quire News'),
  image('portrait-arben-hoxha', 800, 800, 99_800, 'Portrait of Arben Hoxha', 'Quire News')
]

export const videos: readonly MediaSpec[] = [
  video('interview-rights-lawyer', 312, 96_400_000, 'Interview with a human rights lawyer'),
  video('explainer-water-crisis', 184, 51_200_000, 'Explainer: the water crisis in three minutes'),
  video('report-border-towns', 426, 132_800_000, 'Report from the border towns'),
  video('film-festival-highlights', 95, 28_700_000, 'Highlights from the independent film festival')
]

export const documents: readonly MediaSpec[] = [
  document('annual-rights-report', 2_431_118, 'Annual rights report'),
  document('field-guide-for-citizen-journalists', 1_106_540, 'Field guide for citizen journalists')
]

export const audio: readonly MediaSpec[] = [{
  key: 'weekly-podcast-episode-12',
  kind: 'audio',
  url: `${cdn}/audio/weekly-podcast-episode-12.mp3`,
  mimeType: 'audio/mpeg',
  bytes: 29_120_000,
  width: null,
  height: null,
  durationSeconds: 1820,
  altText: 'Weekly podcast, episode 12',
  caption: 'Weekly podcast, episode 12: the newsroom discusses the week’s stories.',
  credit: 'Quire News',
  renditions: [{ name: 'aac-64k', url: `${cdn}/audio/weekly-podcast-episode-12-64k.m4a`, width: null, height: null, mimeType: 'audio/mp4', bytes: 14_560_000 }]
}]
