/**
 * The networks an article can be shared to, and how each one's share link is built from the
 * article's frontend URL and title. Each entry is the network's documented "share" endpoint (no
 * SDK, no tracking parameters). Editions choose which of these they show, in order, in their site
 * settings (`shareNetworks`); every protocol (REST, GraphQL, sync) serves the links built here.
 */
const networks = {
  facebook: { label: 'Facebook', href: (u: string) => `https://www.facebook.com/sharer/sharer.php?u=${u}` },
  x: { label: 'X', href: (u: string, t: string) => `https://x.com/intent/tweet?url=${u}&text=${t}` },
  pinterest: { label: 'Pinterest', href: (u: string, t: string) => `https://www.pinterest.com/pin/create/button/?url=${u}&description=${t}` },
  whatsapp: { label: 'WhatsApp', href: (u: string, t: string) => `https://wa.me/?text=${t}%20${u}` },
  telegram: { label: 'Telegram', href: (u: string, t: string) => `https://t.me/share/url?url=${u}&text=${t}` },
  skype: { label: 'Skype', href: (u: string, t: string) => `https://web.skype.com/share?url=${u}&text=${t}` },
  email: { label: 'Email', href: (u: string, t: string) => `mailto:?subject=${t}&body=${u}` },
  linkedin: { label: 'LinkedIn', href: (u: string) => `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
  reddit: { label: 'Reddit', href: (u: string, t: string) => `https://www.reddit.com/submit?url=${u}&title=${t}` }
} as const

export type ShareNetwork = keyof typeof networks
export const shareNetworks = Object.keys(networks) as ShareNetwork[]

/** What an edition shows when its settings name no networks: the buttons most news sites carry. */
export const defaultShareNetworks: readonly ShareNetwork[] = ['facebook', 'x', 'whatsapp', 'telegram', 'email']

export interface ShareLink { network: ShareNetwork, label: string, href: string }

export const isShareNetwork = (name: string): name is ShareNetwork => Object.hasOwn(networks, name)

/** The share links of one article; URL and title are percent-encoded once, here. */
export function shareLinksFor (list: readonly ShareNetwork[], url: string, title: string): ShareLink[] {
  const u = encodeURIComponent(url)
  const t = encodeURIComponent(title)
  return list.map((network) => ({ network, label: networks[network].label, href: networks[network].href(u, t) }))
}

/**
 * The networks an edition may link its own profiles to (site settings' `socialLinks`): every
 * network articles can be shared to, except email (an address is a contact detail), and the ones
 * sites keep profiles on without a share endpoint. One list, so a share button and a profile link
 * of the same network carry the same name and label.
 */
const profileOnly = {
  youtube: 'YouTube', instagram: 'Instagram', tiktok: 'TikTok', threads: 'Threads', bluesky: 'Bluesky',
  mastodon: 'Mastodon', soundcloud: 'SoundCloud', vimeo: 'Vimeo', flickr: 'Flickr', rss: 'RSS'
} as const

export type SocialNetwork = Exclude<ShareNetwork, 'email'> | keyof typeof profileOnly
export const socialNetworks: SocialNetwork[] = [...shareNetworks.filter((n): n is Exclude<ShareNetwork, 'email'> => n !== 'email'), ...Object.keys(profileOnly) as Array<keyof typeof profileOnly>]

/** The network's own name for a stored profile link (the name itself for one no longer known). */
export function networkLabel (network: string): string {
  if (Object.hasOwn(networks, network)) return networks[network as ShareNetwork].label
  if (Object.hasOwn(profileOnly, network)) return profileOnly[network as keyof typeof profileOnly]
  return network
}
