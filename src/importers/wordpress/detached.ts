/**
 * A copy of a string that holds on to nothing else. The XML parser hands out slices of the chunk
 * it read, and V8 keeps a whole chunk alive for as long as any slice of it lives (even a short
 * one): the few strings kept per item past the item — the report's warnings, the tag cache —
 * would otherwise pin most of the file in memory.
 */
export const detached = (text: string): string => text.length === 0 ? text : Buffer.from(text, 'utf8').toString('utf8')
