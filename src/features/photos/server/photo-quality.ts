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
import { ANALYSIS_EDGE, assessGrey, type Grey, type PhotoQuality } from '../photo-quality-rules';

export {
  ANALYSIS_EDGE,
  BLUR_VARIANCE,
  judgePhoto,
  laplacianSharpness,
  MIN_SHORT_EDGE,
  type PhotoQuality,
  type PhotoQualityCode,
  type PhotoQualityProblem,
} from '../photo-quality-rules';

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
    return assessGrey(grey, { width, height });
  });
}
