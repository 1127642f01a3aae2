import { z } from '@hono/zod-openapi';

/** The longest description accepted (characters); longer is a 422, never cut silently. */
export const MAX_DESCRIPTION_CHARS = 5000;
/** At most this many photos per diagnosis. */
export const MAX_DIAGNOSE_PHOTOS = 3;
/**
 * The longest photo data URL (characters): about 1.1 MB of image. The booking form scales
 * photos down to 1600 px before sending, which leaves them far below this.
 */
export const MAX_PHOTO_DATA_URL_CHARS = 1_500_000;
/** The request body cap of POST /api/ai/diagnose: three photos at the cap and the text. */
export const MAX_DIAGNOSE_BODY_BYTES = MAX_DIAGNOSE_PHOTOS * MAX_PHOTO_DATA_URL_CHARS + 64 * 1024;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const PHOTO_DATA_URL = /^data:image\/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

export const DiagnoseRequestSchema = z
  .object({
    description: z
      .string()
      .trim()
      .min(1, 'Describe the problem in a few words.')
      .max(MAX_DESCRIPTION_CHARS, `Keep the description under ${MAX_DESCRIPTION_CHARS} characters.`)
      .refine((s) => !CONTROL.test(s), 'The description must not contain control characters.')
      .openapi({ description: 'The fault in the customer’s own words', example: 'iPhone 15 screen smashed' }),
    modelSlug: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'The device model (catalogue slug); with it, repairs come priced' }),
    photos: z
      .array(
        z
          .string()
          .max(MAX_PHOTO_DATA_URL_CHARS, 'The photo is too large: send it at most 1600 px wide.')
          .regex(PHOTO_DATA_URL, 'Send the photo as a data: URL of a JPEG, PNG or WebP image.'),
      )
      .max(MAX_DIAGNOSE_PHOTOS, `At most ${MAX_DIAGNOSE_PHOTOS} photos.`)
      .optional()
      .openapi({ description: 'Up to 3 photos as data: URLs; they are checked for blur, exposure and size' }),
  })
  .openapi('DiagnoseRequest');

const PriceSchema = z
  .object({
    amount: z.number().int().openapi({ description: 'VAT-inclusive, in minor units (pence)' }),
    currency: z.string(),
  })
  .openapi('DiagnosisPrice');

const UrgencyReasonSchema = z.object({
  code: z.enum(['liquid', 'swelling-battery', 'burning-smell', 'data-at-risk']),
  message: z.string(),
});

export const DiagnosisSchema = z
  .object({
    candidates: z.array(
      z.object({
        category: z.string(),
        probability: z.number(),
        repairs: z.array(
          z.object({
            slug: z.string(),
            name: z.string(),
            price: PriceSchema.nullable().openapi({ description: 'null when no model was given' }),
          }),
        ),
      }),
    ),
    notSure: z.boolean(),
    advice: z.string().nullable(),
    urgency: z.object({ level: z.enum(['urgent', 'soon', 'normal']), reasons: z.array(UrgencyReasonSchema) }),
    alternatives: z.array(z.object({ category: z.string(), probability: z.number() })),
    source: z.enum(['local', 'provider']),
    secondOpinion: z.object({ category: z.string(), agrees: z.boolean(), reason: z.string() }).nullable(),
    photoChecks: z.array(
      z.object({
        index: z.number().int(),
        ok: z.boolean(),
        problems: z.array(z.object({ code: z.string(), message: z.string() })),
      }),
    ),
  })
  .openapi('Diagnosis');

export type DiagnoseRequest = z.infer<typeof DiagnoseRequestSchema>;
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
export type UrgencyReason = z.infer<typeof UrgencyReasonSchema>;
export type DiagnosisCandidate = Diagnosis['candidates'][number];
