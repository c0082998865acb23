import type { EditionContent } from './types.js'

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export const sq: EditionContent = {
  code: 'sq',
  name: 'Albanian',
  nativeName: 'Shqip',
  direction: 'ltr',
  categories: {
    politics: { name: 'Politikë', description: 'Zgjedhjet, parlamentet dhe vendimet që formësojnë jetën publike.' },
    'human-rights': { name: 'Të drejtat e njeriut', description: 'Raportim mbi të drejtat civile, politike, sociale dhe ekonomike.' },
    'womens-rights': { name: 'Të drejtat e grave', description: 'Barazia, siguria dhe pjesëmarrja e grave dhe vajzave.' },
    'free-expression': { name: 'Liria e shprehjes', description: 'Liria e shtypit, censura dhe e drejta për të folur e për të botuar.' },
    economy: { name: 'Ekonomi', description: 'Çmimet, vendet e punës, tregtia dhe buxhetet publike.' },
    environment: { name: 'Mjedis', description: 'Toka, uji, ajri dhe komunitetet që varen prej tyre.' },
    climate: { name: 'Klima', description: 'Thatësirat, përmbytjet dhe si përshtaten njerëzit me ndryshimet klimatike.' },
    culture: { name: 'Kulturë', description: 'Libra, film, muzikë dhe trashëgimi.' },
    media: { name: 'Media', description: 'Karikatura, fotografi, galeri dhe reportazhe video.' },
    cartoons: { name: 'Karikatura', description: 'Karikatura editoriale nga bashkëpunëtorët tanë.' },
    'news-pictures': { name: 'Foto lajmi', description: 'Ngjarjet e ditës në fotografi.' },
    'photo-gallery': { name: 'Galeri fotografike', description: 'Ese fotografike dhe koleksione.' },
    videos: { name: 'Video', description: 'Reportazhe video, intervista dhe shpjegime.' },
    publications: { name: 'Botime', description: 'Raporte, libra dhe botime periodike.' },
    books: { name: 'Libra', description: 'Libra dhe raporte të gjata për t’u shkarkuar.' },
    newsletter: { name: 'Buletini', description: 'Përmbledhja jonë e rregullt e lajmeve dhe analizave.' },
    briefs: { name: 'Përmbledhje', description: 'Përmbledhje të shkurtra politikash dhe fletë faktesh.' }
  },
  tags: ['Zgjedhjet', 'Refugjatët', 'Liria e shtypit', 'Uji', 'Korrupsioni', 'Pakicat', 'Të rinjtë', 'Gjykatat'],
  subjects: [
    'bisedime për një ligj të ri zgjedhor',
    'shqetësime për kushtet në qendrat e paraburgimit',
    'rritja e çmimit të bukës',
    'mosmarrëveshje për ujin e lumit',
    'festivali i kinemasë së pavarur',
    'kooperativat e grave në kërkim të kredive të drejta',
    'presion i ri mbi gazetat lokale',
    'fermerët që përshtaten me thatësira më të gjata',
    'votimi për buxhetet komunale',
    'familje që kërkojnë të afërmit e zhdukur',
    'tregtarët e vegjël përballë taksave të reja',
    'vullnetarë që pastrojnë bregdetin',
    'një bibliotekë që rihapet pas vitesh mbyllje',
    'fushatë kundër martesave të hershme'
  ],
  places: ['në kryeqytet', 'në krahinat veriore', 'në bregdet', 'në qytetet kufitare', 'në zonat rurale', 'në mbarë rajonin'],
  headline: (subject, place) => `${capitalise(subject)} ${place}`,
  lead: (subject, place) => `Korrespondentët tanë kanë ndjekur temën «${subject}» ${place}, ku banorët, zyrtarët dhe organizatat e shoqërisë civile përshkruajnë një situatë që ndryshon shpejt.`,
  excerpt: (subject, place) => `«${capitalise(subject)}» ${place}: çfarë thonë banorët, zyrtarët dhe grupet për të drejtat e njeriut.`,
  formatPrefixes: {
    video: 'Video:',
    pictures: 'Në foto:',
    cartoon: 'Karikaturë:',
    brief: 'Përmbledhje:',
    book: 'Libër i ri:',
    newsletter: 'Buletini:',
    gallery: 'Galeri fotografike:'
  },
  paragraphs: [
    'Zyrtarët vendorë thanë se çështja është diskutuar në disa takime publike këtë vit, por banorët pohojnë se vendimet ende merren pa konsultim të mjaftueshëm. Përfaqësuesit e komunitetit kërkuan afate të qarta dhe publikimin e procesverbaleve.',
    'Vëzhguesit e pavarur që vizituan zonën përshkruan një pamje të përzier. Disa shërbime janë përmirësuar që nga viti i kaluar, ndërsa të tjera mbeten nën presion për shkak të mungesës së stafit dhe vonesave në financim.',
    'Organizatat e shoqërisë civile kanë mbledhur dëshmi nga dhjetëra të prekur. Gjetjet e tyre paraprake, të ndara me ne, tregojnë mangësi në qasjen në informacion dhe në ndihmën juridike.',
    'Një zëdhënës i ministrisë përkatëse tha se po bëhet një rishikim dhe se masa të tjera do të njoftohen pas konsultimeve me autoritetet rajonale dhe partnerët ndërkombëtarë.',
    'Studiuesit vënë në dukje se debate të ngjashme janë zhvilluar në vendet fqinje, ku rezultatet varën kryesisht nga pavarësia e organeve mbikëqyrëse dhe nga vëmendja e vazhdueshme e publikut.',
    'Banorët e intervistuar për këtë raport kërkuan që emrat e tyre të plotë të mos publikohen. Disa prej tyre thanë se i kanë ngritur të njëjtat shqetësime vazhdimisht në letra drejtuar përfaqësuesve vendorë.',
    'Ekonomistët dhe ekspertët ligjorë të konsultuar për këtë artikull pajtohen se të dhënat e besueshme janë të pakta. Ata rekomandojnë raportim të rregullt publik, që përparimi të matet me kalimin e kohës.',
    'Seanca e ardhshme publike pritet të mbahet në javët në vijim. Organizatorët shpresojnë që të marrin pjesë më shumë njerëz dhe që diskutimi të çojë në angazhime konkrete.'
  ],
  subheads: ['Çfarë thonë banorët', 'Përgjigjja zyrtare', 'Çfarë ndodh më pas', 'Sfondi'],
  quotes: [
    '«Nuk kërkojmë privilegje, vetëm të njëjtat të drejta dhe informacione si të gjithë të tjerët», tha një përfaqësues i komunitetit.',
    '«Transparenca është hapi i parë. Pa të, besimi nuk mund të rindërtohet», na tha një avokate vendore.',
    '«Do të vazhdojmë të dokumentojmë çdo rast derisa të ketë një përgjigje të duhur», tha një vullnetar i një organizate për të drejtat e njeriut.',
    '«Njerëzit këtu duan të dëgjohen para se të merren vendimet, jo pas tyre», tha një mësues nga zona.'
  ],
  keyPoints: {
    intro: 'Pikat kryesore të raportit:',
    items: [
      'Konsultimet publike të njoftohen të paktën dy javë përpara.',
      'Vendimet dhe buxhetet të publikohen në të gjitha gjuhët zyrtare.',
      'Monitoruesit e pavarur të kenë qasje në vendet e prekura.',
      'Ankesat të marrin përgjigje me shkrim brenda 30 ditëve.',
      'Të dhënat të ndahen sipas gjinisë dhe moshës.'
    ]
  },
  reportLink: (href) => `Lexoni raportin e plotë në <a href="${href}">faqen e partnerit tonë</a>.`,
  labels: { watchVideo: 'Shikoni reportazhin e plotë video', downloadDocument: 'Shkarkoni PDF-në' },
  imageCaptions: [
    'Deputetët gjatë një seance plenare.',
    'Tezga me fruta dhe perime në një treg të zënë.',
    'Një lumë që gjarpëron nëpër një luginë të thatë.',
    'Vullnetarë që mbledhin mbetje plastike në plazh.',
    'Votues në radhë para një qendre votimi.',
    'Gazetarë në punë në redaksi.',
    'Një fermer që kontrollon grurin në një arë të tharë.',
    'Lexues në sallën e leximit të një biblioteke publike.',
    'Një marshim paqësor në qendër të qytetit.',
    'Kamionë që presin në një pikë kufitare në muzg.',
    'Anëtare të një kooperative grash duke ndarë prodhimet.',
    'Publiku në një shfaqje filmi në ambient të hapur.'
  ],
  hidden: {
    draft: 'Draft: hetim për prokurimet publike',
    scheduled: 'Së shpejti: raport i posaçëm për ligjin e ri zgjedhor',
    archived: 'Arkivuar: udhëzues i vjetëruar për regjistrimin e votuesve'
  },
  pages: {
    about: {
      slug: 'rreth-nesh',
      title: 'Rreth nesh',
      body: '<p>Lajmet Quire është një redaksi e pavarur, jofitimprurëse, që raporton për të drejtat e njeriut, politikën dhe shoqërinë në katër gjuhë.</p>' +
        '<h2>Misioni ynë</h2><p>Botojmë gazetari të saktë, të drejtë dhe të kuptueshme, që njerëzit të marrin pjesë në vendimet që prekin jetën e tyre.</p>' +
        '<h2>Standardet editoriale</h2><p>Çdo shkrim kontrollohet nga të paktën dy redaktorë. I korrigjojmë gabimet hapur dhe i shpjegojmë burimet tona sa herë që është e mundur.</p>'
    },
    contact: {
      slug: 'kontakt',
      title: 'Kontakt',
      body: '<p>Mirëpresim informacione, korrigjime dhe pyetje.</p>' +
        '<ul><li>Redaksia: <a href="mailto:newsroom@example.org">newsroom@example.org</a></li>' +
        '<li>Korrigjime: <a href="mailto:corrections@example.org">corrections@example.org</a></li></ul>' +
        '<p>Për informacione të ndjeshme, lexoni <a href="https://example.org/sq/security">udhëzuesin për kontakt të sigurt</a>.</p>'
    }
  },
  gallery: { title: 'Java në fotografi', description: 'Pamje nga raportimi ynë në mbarë rajonin këtë javë.' },
  menu: { primary: 'Menyja kryesore', footer: 'Fundi i faqes', support: 'Mbështetni punën tonë' },
  site: {
    title: 'Lajmet Quire',
    tagline: 'Gazetari e pavarur për të drejtat, politikën dhe shoqërinë',
    copyright: (year) => `© ${year} Lajmet Quire. Të gjitha të drejtat e rezervuara.`
  }
}
