import type { ContentStatus as StoredStatus } from '../db/schema.js'
import type { ContentStatus } from './generated.js'

export const toContentStatus = (status: StoredStatus): ContentStatus => status.toUpperCase() as ContentStatus
export const fromContentStatus = (status: ContentStatus): StoredStatus => status.toLowerCase() as StoredStatus
