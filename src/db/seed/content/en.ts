import type { EditionContent } from './types.js'

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

export const en: EditionContent = {
  code: 'en',
  name: 'English',
  nativeName: 'English',
  direction: 'ltr',
  categories: {
    politics: { name: 'Politics', description: 'Elections, parliaments and the decisions that shape public life.' },
    'human-rights': { name: 'Human Rights', description: 'Reporting on civil, political, social and economic rights.' },
    'womens-rights': { name: "Women's Rights", description: 'Equality, safety and participation of women and girls.' },
    'free-expression': { name: 'Freedom of Expression', description: 'Press freedom, censorship and the right to speak and publish.' },
    economy: { name: 'Economy', description: 'Prices, jobs, trade and public budgets.' },
    environment: { name: 'Environment', description: 'Land, water, air and the communities that depend on them.' },
    climate: { name: 'Climate', description: 'Droughts, floods and how people adapt to a changing climate.' },
    culture: { name: 'Culture', description: 'Books, film, music and heritage.' },
    media: { name: 'Media', description: 'Cartoons, pictures, galleries and video reports.' },
    cartoons: { name: 'Cartoons', description: 'Editorial cartoons from our contributors.' },
    'news-pictures': { name: 'News pictures', description: "The day's events in photographs." },
    'photo-gallery': { name: 'Photo gallery', description: 'Photo essays and collections.' },
    videos: { name: 'Videos', description: 'Video reports, interviews and explainers.' },
    publications: { name: 'Publications', description: 'Reports, books and periodic publications.' },
    books: { name: 'Books', description: 'Books and long-form reports available to download.' },
    newsletter: { name: 'Newsletter', description: 'Our regular round-up of news and analysis.' },
    briefs: { name: 'Briefs', description: 'Short policy briefs and fact sheets.' }
  },
  tags: ['Elections', 'Refugees', 'Press freedom', 'Water', 'Corruption', 'Minorities', 'Youth', 'Courts'],
  subjects: [
    'talks on a new electoral law',
    'concerns over conditions in detention centres',
    'rising bread prices',
    'a dispute over river water',
    'a festival of independent cinema',
    "women's cooperatives seeking fair credit",
    'new pressure on local newspapers',
    'farmers adapting to longer droughts',
    'a vote on municipal budgets',
    'families searching for missing relatives',
    'small traders facing new taxes',
    'volunteers cleaning up the coastline',
    'a library reopening after years of closure',
    'a campaign against early marriage'
  ],
  places: ['in the capital', 'in the northern provinces', 'on the coast', 'in border towns', 'in rural districts', 'across the region'],
  headline: (subject, place) => `${capitalise(subject)} ${place}`,
  lead: (subject, place) => `Our correspondents have been following ${subject} ${place}, where residents, officials and civil society groups describe a fast-changing situation.`,
  excerpt: (subject, place) => `${capitalise(subject)} ${place}: what residents, officials and rights groups are saying.`,
  formatPrefixes: {
    video: 'Video:',
    pictures: 'In pictures:',
    cartoon: 'Cartoon:',
    brief: 'Brief:',
    book: 'New book:',
    newsletter: 'Newsletter:',
    gallery: 'Photo gallery:'
  },
  paragraphs: [
    'Local officials said the issue had been discussed at several public meetings this year, but residents argue that decisions are still being made without enough consultation. Community representatives asked for clear timelines and published minutes.',
    'Independent observers who visited the area described a mixed picture. Some services have improved since last year, while others remain under strain because of staff shortages and delayed funding.',
    'Civil society groups have collected testimonies from dozens of people affected. Their preliminary findings, shared with this publication, point to gaps in access to information and to legal assistance.',
    'A spokesperson for the relevant ministry said that a review was under way and that further measures would be announced after consultations with regional authorities and international partners.',
    'Researchers note that similar debates have taken place in neighbouring countries, where outcomes depended largely on the independence of oversight bodies and on sustained public attention.',
    'Residents interviewed for this report asked that their full names not be published. Several said they had raised the same concerns repeatedly in letters to local representatives.',
    'Economists and legal experts consulted for this article agree that reliable data is scarce. They recommend regular public reporting so that progress can be measured over time.',
    'The next public hearing is expected in the coming weeks. Organisers say they hope that more people will attend and that the discussion will lead to concrete commitments.'
  ],
  subheads: ['What residents are saying', 'The official response', 'What happens next', 'Background'],
  quotes: [
    '“We are not asking for privileges, only for the same rights and information as everyone else,” said one community representative.',
    '“Transparency is the first step. Without it, trust cannot be rebuilt,” a local lawyer told us.',
    '“We will continue to document every case until there is a proper response,” said a volunteer with a rights group.',
    '“People here want to be heard before decisions are taken, not after,” said a teacher from the area.'
  ],
  keyPoints: {
    intro: 'Key points from the report:',
    items: [
      'Public consultations should be announced at least two weeks in advance.',
      'Decisions and budgets should be published in all official languages.',
      'Independent monitors should have access to affected sites.',
      'Complaints should receive a written response within 30 days.',
      'Data should be broken down by gender and age.'
    ]
  },
  reportLink: (href) => `Read the full report on <a href="${href}">our partner’s website</a>.`,
  labels: { watchVideo: 'Watch the full video report', downloadDocument: 'Download the PDF' },
  imageCaptions: [
    'Members of parliament during a plenary session.',
    'Fruit and vegetable stalls at a busy city market.',
    'A river winding through a dry valley.',
    'Volunteers collecting plastic waste on a beach.',
    'Voters queueing outside a polling station.',
    'Journalists at work in a newsroom.',
    'A farmer inspecting wheat in a parched field.',
    'Readers in the reading room of a public library.',
    'A peaceful march through the city centre.',
    'Lorries waiting at a border crossing at dusk.',
    "Members of a women's cooperative sorting produce.",
    'An audience at an open-air film screening.'
  ],
  hidden: {
    draft: 'Draft: investigation into public procurement',
    scheduled: 'Coming soon: special report on the new electoral law',
    archived: 'Archived: outdated guide to voter registration'
  },
  pages: {
    about: {
      slug: 'about',
      title: 'About us',
      body: '<p>Quire News is an independent, non-profit newsroom reporting on human rights, politics and society in four languages.</p>' +
        '<h2>Our mission</h2><p>We publish accurate, fair and accessible journalism so that people can take part in the decisions that affect their lives.</p>' +
        '<h2>Editorial standards</h2><p>Every story is checked by at least two editors. We correct mistakes openly and explain our sources whenever we can.</p>'
    },
    contact: {
      slug: 'contact',
      title: 'Contact',
      body: '<p>Tips, corrections and questions are welcome.</p>' +
        '<ul><li>Newsroom: <a href="mailto:newsroom@example.org">newsroom@example.org</a></li>' +
        '<li>Corrections: <a href="mailto:corrections@example.org">corrections@example.org</a></li></ul>' +
        '<p>For sensitive information, please read our <a href="https://example.org/security">guide to contacting us securely</a>.</p>'
    }
  },
  gallery: { title: 'A week in pictures', description: 'Scenes from our reporting across the region this week.' },
  menu: { primary: 'Main menu', footer: 'Footer', support: 'Support our work' },
  site: {
    title: 'Quire News',
    tagline: 'Independent reporting on rights, politics and society',
    copyright: (year) => `© ${year} Quire News. All rights reserved.`
  }
}
