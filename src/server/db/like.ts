/** A LIKE/ILIKE pattern matching `text` anywhere, with its own %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
}
