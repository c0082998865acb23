/** Paths of a file's URLs under the API (the DTO makes them absolute); the routes in routes.ts serve them. */
export const filePath = (sha256: string, filename: string): string => `/v1/media/files/${sha256}/${encodeURIComponent(filename)}`
export const renditionPath = (sha256: string, variant: string): string => `/v1/media/files/${sha256}/renditions/${variant}`
