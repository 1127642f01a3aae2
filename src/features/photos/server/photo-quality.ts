/**
 * Is a photo good enough to judge a repair by? Three measurements, no claim about the damage:
 * - resolution: the short edge and the pixel count of the upright image;
 * - exposure: the mean luminance and the share of near-black and near-white pixels;
 * - blur: the variance of the Laplacian of a greyscale copy scaled to ANALYSIS_EDGE, taken on
 *   the sharpest quarter of a grid of tiles, so a sharp subject before a soft background
 *   passes while a photo that is soft everywhere does not.
 * The thresholds were chosen by measuring generated scenes (text, edges, a cracked screen)
 * sharp, blurred, dark and bright, with camera-like noise: `photo-quality.test.ts` renders
 * them, and README "Photo quality checks" lists the figures.
 * A problem is advice ("retake"), not a refusal: a photo of a dead black screen is dark on
 * purpose, so uploads keep the photo and answer its quality beside it.
 */
import { DomainError } from '@/server/domain-error';
import { env } from '@/env';
import { loadSharp, withSlot } from './sharp-runtime';

export type PhotoQualityCode = 'too-dark' | 'too-bright' | 'blurry' | 'too-small';

export interface PhotoQualityProblem {
  code: PhotoQualityCode;
  message: string;
}

export interface PhotoQuality {
  ok: boolean;
  problems: PhotoQualityProblem[];
  metrics: {
    width: number;
    height: number;
    /** variance of the Laplacian (8-bit greyscale at ANALYSIS_EDGE), sharpest tiles */
    sharpness: number;
    /** 0..255 */
    meanLuminance: number;
    /** share of pixels at or below NEAR_BLACK */
    darkShare: number;
    /** share of pixels at or above NEAR_WHITE */
    brightShare: number;
  };
}

/** The long edge of the greyscale copy every photo is measured on (smaller ones as they are). */
export const ANALYSIS_EDGE = 512;
export const MIN_SHORT_EDGE = 480;
export const MIN_PIXELS = 300_000;
export const NEAR_BLACK = 24;
export const NEAR_WHITE = 250;
/** Too dark: mostly near-black, or a very low mean. */
export const DARK_MEAN = 40;
export const DARK_SHARE = 0.6;
/** Too bright: mostly blown out, or a very high mean. */
export const BRIGHT_MEAN = 225;
export const BRIGHT_SHARE = 0.5;
/** Below this Laplacian variance (in the sharpest tiles) a photo is blurry. */
export const BLUR_VARIANCE = 100;
const TILE_GRID = 4;

const MESSAGES: Record<PhotoQualityCode, string> = {
  'too-dark': 'Retake: too dark. Turn on a light or move nearer a window.',
  'too-bright': 'Retake: too bright. Avoid direct light or glare on the screen.',
  blurry: 'Retake: blurry. Hold still and tap the screen to focus.',
  'too-small': `Retake: too small. Use a photo at least ${MIN_SHORT_EDGE} px on its short edge.`,
};

interface Grey {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The Laplacian (4-neighbour) variance of each tile of a TILE_GRID × TILE_GRID grid. */
function tileLaplacianVariances(grey: Grey): number[] {
  const { data, width: w, height: h } = grey;
  const n = TILE_GRID;
  const sum = new Float64Array(n * n);
  const sq = new Float64Array(n * n);
  const count = new Float64Array(n * n);
  for (let y = 1; y < h - 1; y++) {
    const ty = Math.min(n - 1, Math.floor((y * n) / h));
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const lap = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      const t = ty * n + Math.min(n - 1, Math.floor((x * n) / w));
      sum[t]! += lap;
      sq[t]! += lap * lap;
      count[t]!++;
    }
  }
  const out: number[] = [];
  for (let t = 0; t < n * n; t++) {
    if (count[t]! < 16) continue;
    const mean = sum[t]! / count[t]!;
    out.push(sq[t]! / count[t]! - mean * mean);
  }
  return out;
}

/** The mean variance of the sharpest quarter of the tiles (whole image when too few). */
export function laplacianSharpness(grey: Grey): number {
  if (grey.width < 3 || grey.height < 3) return 0;
  const tiles = tileLaplacianVariances(grey).sort((a, b) => b - a);
  if (tiles.length === 0) return 0;
  const top = tiles.slice(0, Math.max(1, Math.ceil(tiles.length / 4)));
  return top.reduce((a, b) => a + b, 0) / top.length;
}

export function exposureOf(data: Uint8Array): {
  meanLuminance: number;
  darkShare: number;
  brightShare: number;
} {
  let total = 0;
  let dark = 0;
  let bright = 0;
  for (const v of data) {
    total += v;
    if (v <= NEAR_BLACK) dark++;
    if (v >= NEAR_WHITE) bright++;
  }
  const n = Math.max(1, data.length);
  return { meanLuminance: total / n, darkShare: dark / n, brightShare: bright / n };
}

/** The problems a photo's metrics show (pure: the thresholds above, in one place). */
export function judgePhoto(metrics: PhotoQuality['metrics']): PhotoQualityProblem[] {
  const codes: PhotoQualityCode[] = [];
  const short = Math.min(metrics.width, metrics.height);
  if (short < MIN_SHORT_EDGE || metrics.width * metrics.height < MIN_PIXELS) codes.push('too-small');
  const dark = metrics.meanLuminance < DARK_MEAN || metrics.darkShare >= DARK_SHARE;
  const bright = metrics.meanLuminance > BRIGHT_MEAN || metrics.brightShare >= BRIGHT_SHARE;
  if (dark) codes.push('too-dark');
  else if (bright) codes.push('too-bright');
  // in the dark or the glare there is little texture to measure: the exposure is the advice
  if (!dark && !bright && metrics.sharpness < BLUR_VARIANCE) codes.push('blurry');
  return codes.map((code) => ({ code, message: MESSAGES[code] }));
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/** Measures a JPEG, PNG or WebP (any orientation); an unreadable file is a 415. */
export async function checkPhotoQuality(bytes: Buffer | Uint8Array): Promise<PhotoQuality> {
  const sharp = await loadSharp();
  const input = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return withSlot(async () => {
    let grey: Grey;
    let width: number;
    let height: number;
    try {
      const image = sharp(input, {
        limitInputPixels: Math.floor(env.MAX_UPLOAD_MEGAPIXELS * 1_000_000),
        failOn: 'error',
      })
        .timeout({ seconds: 20 })
        .autoOrient();
      const meta = await image.metadata();
      width = meta.autoOrient?.width ?? meta.width ?? 0;
      height = meta.autoOrient?.height ?? meta.height ?? 0;
      const { data, info } = await image
        // transparency counts as mid-grey: neither dark nor bright
        .flatten({ background: '#808080' })
        .resize({ width: ANALYSIS_EDGE, height: ANALYSIS_EDGE, fit: 'inside', withoutEnlargement: true })
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      grey = {
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
        width: info.width,
        height: info.height,
      };
      if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
    } catch {
      const message = 'The photo cannot be read as a JPEG, PNG or WebP image.';
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', message, [{ path: 'file', message }]);
    }
    const exposure = exposureOf(grey.data);
    const metrics = {
      width,
      height,
      sharpness: round(laplacianSharpness(grey), 1),
      meanLuminance: round(exposure.meanLuminance, 1),
      darkShare: round(exposure.darkShare, 3),
      brightShare: round(exposure.brightShare, 3),
    };
    const problems = judgePhoto(metrics);
    return { ok: problems.length === 0, problems, metrics };
  });
}
