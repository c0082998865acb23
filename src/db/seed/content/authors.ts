export interface AuthorSpec {
  slug: string
  name: string
  bio: string
  /** Key of an avatar in `avatarImages`. */
  avatar: string | null
  /** Editions this author writes for, in byline order of preference. */
  editions: readonly string[]
}

export const authorSpecs: readonly AuthorSpec[] = [
  {
    slug: 'maya-thompson',
    name: 'Maya Thompson',
    bio: 'Maya Thompson covers elections and governance. She previously reported from the Balkans and the Gulf.',
    avatar: 'portrait-maya-thompson',
    editions: ['en', 'fa', 'sq']
  },
  {
    slug: 'daniel-okafor',
    name: 'Daniel Okafor',
    bio: 'Daniel Okafor writes about prices, labour and public budgets.',
    avatar: null,
    editions: ['en', 'ar']
  },
  {
    slug: 'layla-haddad',
    name: 'ليلى حداد',
    bio: 'صحفية تغطي قضايا حقوق الإنسان والهجرة، وعملت سابقاً مراسلة ميدانية في عدة بلدان.',
    avatar: 'portrait-layla-haddad',
    editions: ['ar']
  },
  {
    slug: 'omar-nasser',
    name: 'عمر ناصر',
    bio: 'محرر الشؤون الاقتصادية، يكتب عن الأسعار والعمل والتجارة.',
    avatar: null,
    editions: ['ar']
  },
  {
    slug: 'reza-karimi',
    name: 'رضا کریمی',
    bio: 'روزنامه‌نگار حوزه محیط زیست و اقلیم که درباره آب و کشاورزی گزارش می‌نویسد.',
    avatar: 'portrait-reza-karimi',
    editions: ['fa']
  },
  {
    slug: 'sara-ahmadi',
    name: 'سارا احمدی',
    bio: 'دبیر بخش فرهنگ و حقوق زنان.',
    avatar: null,
    editions: ['fa']
  },
  {
    slug: 'arben-hoxha',
    name: 'Arben Hoxha',
    bio: 'Gazetar që mbulon politikën dhe drejtësinë, me përvojë në raportimin nga gjykatat.',
    avatar: 'portrait-arben-hoxha',
    editions: ['sq']
  },
  {
    slug: 'elira-dushku',
    name: 'Elira Dushku',
    bio: 'Fotoreportere dhe redaktore e kulturës.',
    avatar: null,
    editions: ['sq']
  }
]

export function authorsForEdition (code: string): AuthorSpec[] {
  // the edition's own writers first, so bylines mostly come from the local desk
  const own = authorSpecs.filter((a) => a.editions.length === 1 && a.editions[0] === code)
  const shared = authorSpecs.filter((a) => a.editions.length > 1 && a.editions.includes(code))
  const pool = [...own, ...shared]
  return pool.length > 0 ? pool : [...authorSpecs]
}
