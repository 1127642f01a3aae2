/**
 * What a photo upload may be, shared by the server (which decides) and the uploader (which
 * checks early to give a quick message). Pure: no Node or browser APIs, so both can import it.
 *
 * The type of a file is read from its first bytes (magic numbers), never from its name or the
 * Content-Type the browser declared. A declared type or file extension that names a different
 * image type than the bytes is treated as a file lying about its type and refused.
 */

export const PHOTO_KIND_VALUES = ['intake', 'before', 'after', 'other'] as const;
export type PhotoKindValue = (typeof PHOTO_KIND_VALUES)[number];
export const PHOTO_VISIBILITY_VALUES = ['customer', 'internal'] as const;
export type PhotoVisibilityValue = (typeof PHOTO_VISIBILITY_VALUES)[number];

/** The formats we store (the bytes decide; HEIC cannot be decoded by this server's sharp build). */
export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

export const FORMAT_MIME: Record<AcceptedFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
export const FORMAT_EXTENSION: Record<AcceptedFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** For `<input accept>`: the camera on phones, and the file picker filter on desktops. */
export const ACCEPT_ATTRIBUTE = 'image/jpeg,image/png,image/webp';

export const CAPTION_MAX = 200;

/** What the first bytes of a file are. */
export type SniffedType =
  AcceptedFormat | 'heic' | 'avif' | 'gif' | 'bmp' | 'tiff' | 'pdf' | 'svg' | 'html' | 'zip' | 'unknown';

/** Human names for messages. */
export const TYPE_NAMES: Record<SniffedType, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  heic: 'HEIC',
  avif: 'AVIF',
  gif: 'GIF',
  bmp: 'BMP',
  tiff: 'TIFF',
  pdf: 'PDF',
  svg: 'SVG',
  html: 'HTML',
  zip: 'ZIP',
  unknown: 'unknown',
};

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < Math.min(to, bytes.length); i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The type of a file from its first bytes (16 are enough for images; 1 KB finds SVG/HTML). */
export function sniffImageType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // ISO media: the major brand, then compatible brands up to the box's end
    const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const brands = [ascii(bytes, 8, 12)];
    for (let i = 16; i + 4 <= Math.min(boxSize, 64, bytes.length); i += 4)
      brands.push(ascii(bytes, i, i + 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
    if (brands.some((b) => HEIC_BRANDS.has(b) || b === 'mif1' || b === 'msf1')) return 'heic';
    return 'unknown';
  }
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  // markup: skip a UTF-8 byte-order mark and white space
  let i = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  ) {
    i++;
  }
  if (bytes[i] === 0x3c /* < */) {
    const head = ascii(bytes, i, i + 1024).toLowerCase();
    if (head.includes('<svg')) return 'svg';
    return 'html';
  }
  return 'unknown';
}

const MIME_TYPES: Record<string, SniffedType> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/x-png': 'png',
  'image/apng': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
  'image/avif': 'avif',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/svg+xml': 'svg',
  'application/pdf': 'pdf',
  'text/html': 'html',
};

const EXTENSIONS: Record<string, SniffedType> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  webp: 'webp',
  heic: 'heic',
  heif: 'heic',
  avif: 'avif',
  gif: 'gif',
  bmp: 'bmp',
  tif: 'tiff',
  tiff: 'tiff',
  svg: 'svg',
  pdf: 'pdf',
};

/**
 * The image type a file claims to be, by its declared Content-Type and then its extension;
 * null when it claims nothing specific (no type, `application/octet-stream`, no extension).
 */
export function claimedTypes(declaredType: string | undefined, fileName: string | undefined): SniffedType[] {
  const claims: SniffedType[] = [];
  const mime = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (mime && MIME_TYPES[mime]) claims.push(MIME_TYPES[mime]);
  else if (mime && mime.startsWith('image/')) claims.push('unknown');
  const ext = fileName?.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
  if (ext && EXTENSIONS[ext]) claims.push(EXTENSIONS[ext]);
  return claims;
}

export type PhotoCheck =
  | { ok: true; format: AcceptedFormat }
  | {
      ok: false;
      reason: 'empty' | 'too_large' | 'heic' | 'unsupported' | 'not_image' | 'mismatch';
      detected: SniffedType;
      claimed?: SniffedType;
    };

/**
 * The byte-level check both sides run: size, then what the bytes are, then whether the file's
 * name or declared type claims something else. The server then also decodes the image.
 */
export function checkPhotoBytes(
  head: Uint8Array,
  size: number,
  maxBytes: number,
  declaredType?: string,
  fileName?: string,
): PhotoCheck {
  const detected = size === 0 ? 'unknown' : sniffImageType(head);
  if (size === 0) return { ok: false, reason: 'empty', detected };
  if (size > maxBytes) return { ok: false, reason: 'too_large', detected };
  if (detected === 'heic') return { ok: false, reason: 'heic', detected };
  if (!(ACCEPTED_FORMATS as readonly string[]).includes(detected)) {
    const isImage = ['avif', 'gif', 'bmp', 'tiff', 'svg'].includes(detected);
    return { ok: false, reason: isImage ? 'unsupported' : 'not_image', detected };
  }
  const claimed = claimedTypes(declaredType, fileName).find((c) => c !== detected);
  if (claimed) return { ok: false, reason: 'mismatch', detected, claimed };
  return { ok: true, format: detected as AcceptedFormat };
}

/** The English explanation the API gives for a refused file (the uploader has its own, translated). */
export function photoCheckMessage(check: Exclude<PhotoCheck, { ok: true }>, maxBytes: number): string {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  switch (check.reason) {
    case 'empty':
      return 'The file is empty.';
    case 'too_large':
      return `The file is larger than ${mb} MB.`;
    case 'heic':
      return 'HEIC photos cannot be read here. Upload a JPEG, PNG or WebP (on an iPhone, choose "Most Compatible" under Settings > Camera > Formats).';
    case 'unsupported':
      return `${TYPE_NAMES[check.detected]} images are not accepted. Upload a JPEG, PNG or WebP photo.`;
    case 'not_image':
      return 'This file is not a photo. Upload a JPEG, PNG or WebP image.';
    case 'mismatch':
      return check.claimed === 'unknown'
        ? `The file says it is a different kind of image, but its contents are ${TYPE_NAMES[check.detected]}.`
        : `The file says it is ${TYPE_NAMES[check.claimed!]}, but its contents are ${TYPE_NAMES[check.detected]}.`;
  }
}
