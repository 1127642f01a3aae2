/**
 * Responsive variants of a stored photo: AVIF and WebP at a few widths, addressed by URLs that
 * carry the photo's content hash (`v`), so a browser may keep them for a year (`immutable`).
 * Shared by the server (URLs, keys) and the client (`sizes`). Pure: no Node-only imports.
 */

/** The widths a photo is offered at (those narrower than the photo itself, plus the photo's own). */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
export type VariantWidth = (typeof VARIANT_WIDTHS)[number];
export const VARIANT_FORMATS = ['avif', 'webp'] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

/** The content fingerprint put in a photo's URLs: the first 16 hex digits of its SHA-256. */
export function photoFingerprint(sha256: string): string {
  return sha256.slice(0, 16);
}

/** The widths offered for a photo `width` pixels wide: each listed one narrower, plus the next one up. */
export function variantWidthsFor(width: number): VariantWidth[] {
  const out: VariantWidth[] = [];
  for (const w of VARIANT_WIDTHS) {
    out.push(w);
    if (w >= width) break;
  }
  return out;
}

/** The pixel width a variant really has: never wider than the stored photo. */
export function variantPixelWidth(photoWidth: number, w: VariantWidth): number {
  return Math.min(photoWidth, w);
}

/** Where a variant is kept in the blob store, beside the photo: `photos/ab/<id>-w640.avif`. */
export function variantKey(storageKey: string, w: VariantWidth, format: VariantFormat): string {
  return `${storageKey.replace(/\.[a-z0-9]+$/, '')}-w${w}.${format}`;
}

/** Every variant key a photo can have (to delete them with it). */
export function allVariantKeys(storageKey: string): string[] {
  return VARIANT_WIDTHS.flatMap((w) => VARIANT_FORMATS.map((f) => variantKey(storageKey, w, f)));
}

/** `sizes` for a gallery tile (about 8-10 rem wide) and for the full-screen lightbox. */
export const TILE_SIZES = '(min-width: 640px) 10rem, 45vw';
export const LIGHTBOX_SIZES = '100vw';
