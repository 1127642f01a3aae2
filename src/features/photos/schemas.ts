import { z } from '@hono/zod-openapi';
import { CAPTION_MAX, PHOTO_KIND_VALUES, PHOTO_VISIBILITY_VALUES } from './photo-rules';
import { VARIANT_FORMATS, VARIANT_WIDTHS, type VariantWidth } from './photo-variants';

export const PhotoKindSchema = z.enum(PHOTO_KIND_VALUES).openapi('PhotoKind');
export const PhotoVisibilitySchema = z.enum(PHOTO_VISIBILITY_VALUES).openapi('PhotoVisibility');

/** The text fields of an upload (the file part is checked by its bytes, see photo-rules.ts). */
export const PhotoUploadFieldsSchema = z.object({
  kind: PhotoKindSchema,
  visibility: PhotoVisibilitySchema.default('customer'),
  caption: z
    .string()
    .trim()
    .max(CAPTION_MAX, `At most ${CAPTION_MAX} characters.`)
    // PostgreSQL text cannot hold U+0000: a clear 422, never a database error
    .refine((v) => !v.includes('\u0000'), 'The caption must not contain a NUL character (U+0000).')
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type PhotoUploadFields = z.infer<typeof PhotoUploadFieldsSchema>;

export const PhotoSchema = z
  .object({
    id: z.string(),
    kind: PhotoKindSchema,
    visibility: PhotoVisibilitySchema,
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    caption: z.string().nullable(),
    createdAt: z.string(),
    /** who uploaded it: staff views only (null for customers and tracking links) */
    uploadedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** the image URLs to use as they are (a tracking link's token is already in them) */
    url: z.string(),
    thumbUrl: z.string(),
    /** `srcset` values of the responsive variants, one per format (AVIF first, WebP the fallback) */
    srcSet: z.object({ avif: z.string(), webp: z.string() }),
    /** whether the caller may delete it */
    canDelete: z.boolean(),
  })
  .openapi('Photo');
export type Photo = z.infer<typeof PhotoSchema>;

export const PhotoQualitySchema = z
  .object({
    ok: z.boolean().openapi({ description: 'No problem found: the photo is fine to judge the repair by' }),
    problems: z.array(
      z.object({
        code: z.enum(['too-dark', 'too-bright', 'blurry', 'too-small']),
        message: z
          .string()
          .openapi({ example: 'Retake: too dark. Turn on a light or move nearer a window.' }),
      }),
    ),
    metrics: z.object({
      width: z.number().int(),
      height: z.number().int(),
      sharpness: z.number().openapi({ description: 'Variance of the Laplacian (greyscale, 512 px)' }),
      meanLuminance: z.number().openapi({ description: '0..255' }),
      darkShare: z.number().openapi({ description: 'Share of near-black pixels' }),
      brightShare: z.number().openapi({ description: 'Share of near-white pixels' }),
    }),
  })
  .openapi('PhotoQuality', {
    description:
      'Advice, not a refusal: the photo is stored either way (a dead black screen is dark on purpose). ' +
      'No claim is made about the damage itself.',
  });

/** The answer to an upload: the photo and how good it is. */
export const PhotoUploadSchema = PhotoSchema.extend({
  quality: PhotoQualitySchema.nullable().openapi({
    description: 'null only on a replay whose stored file is missing',
  }),
}).openapi('PhotoUpload');
export type PhotoUpload = z.infer<typeof PhotoUploadSchema>;

export const PhotoLimitsSchema = z
  .object({
    maxBytes: z.number().int(),
    accept: z.array(z.string()),
  })
  .openapi('PhotoLimits');
export type PhotoLimits = z.infer<typeof PhotoLimitsSchema>;

export const PhotoListSchema = z
  .object({
    items: z.array(PhotoSchema),
    /** staff lists only: what the uploader may send */
    limits: PhotoLimitsSchema.optional(),
    /** staff lists only: whether the caller may add photos to this order */
    canUpload: z.boolean(),
  })
  .openapi('PhotoList');
export type PhotoList = z.infer<typeof PhotoListSchema>;

const WIDTH_VALUES = VARIANT_WIDTHS.map(String) as [string, ...string[]];

export const PhotoFileQuerySchema = z
  .object({
    size: z.enum(['thumb', 'full']).default('full'),
    token: z.string().max(200).optional(),
    w: z
      .enum(WIDTH_VALUES)
      .transform((v) => Number(v) as VariantWidth)
      .optional()
      .openapi({
        description: `A responsive variant this wide (${VARIANT_WIDTHS.join(', ')}); needs format`,
      }),
    format: z.enum(VARIANT_FORMATS).optional().openapi({ description: "The variant's format; needs w" }),
    v: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'must be the 16 hex digits the photo list gives')
      .optional()
      .openapi({
        description: "The photo's content fingerprint: with it the answer may be cached for a year",
      }),
  })
  .refine((q) => (q.w === undefined) === (q.format === undefined), {
    message: 'w and format go together.',
    path: ['format'],
  });
