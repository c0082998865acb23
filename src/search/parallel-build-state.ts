/** What the writer thread and the index-building worker share (parallel-build.ts). */

/** Int32 slots of the shared state. */
export const LOADER = 0
export const BUILD = 1
export const STARTED = 2
export const STATE_SLOTS = 3

export const LOADER_FINISHED = 1
export const BUILD_RUNNING = 0
export const BUILT = 1
export const BUILD_FAILED = 2

export interface BuildData {
  /** The database file the load writes to, read by the worker beside it. */
  database: string
  /** Where the worker builds the index: a file beside the database, removed once copied. */
  scratch: string
  /** The statements that created the FTS5 tables, so both files hold the same tables. */
  ddl: string[]
  state: SharedArrayBuffer
}

/** The worker's last word: how many documents it indexed, or why it failed. */
export type BuildReport = { indexed: number } | { error: string }
