/** The ratings domain's shapes at the API boundary (server and API only: see limits.ts for the browser). */
import { z } from '@hono/zod-openapi';
import { RATING_COMMENT_MAX } from './limits';

// eslint-disable-next-line no-control-regex -- finding control bytes is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const RatingTokenParamsSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(400)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the signed rating link' }),
});

export const RatingBodySchema = z
  .object({
    score: z
      .number({ message: 'Give a whole number of stars from 1 to 5.' })
      .int('Give a whole number of stars from 1 to 5.')
      .min(1, 'Give a whole number of stars from 1 to 5.')
      .max(5, 'Give a whole number of stars from 1 to 5.'),
    comment: z
      .string({ message: 'The comment must be text.' })
      .trim()
      .max(RATING_COMMENT_MAX, `Keep the comment to ${RATING_COMMENT_MAX} characters or fewer.`)
      .refine((v) => !CONTROL.test(v), 'The comment must not contain control characters.')
      .optional(),
  })
  .strict()
  .openapi('RatingInput');
export type RatingInput = z.infer<typeof RatingBodySchema>;

export const GivenRatingSchema = z
  .object({
    score: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('GivenRating');
export type GivenRating = z.infer<typeof GivenRatingSchema>;

export const RatingViewSchema = z
  .object({
    reference: z.string(),
    shopName: z.string(),
    device: z.string(),
    collectedAt: z.string().openapi({ format: 'date-time' }),
    rating: GivenRatingSchema.nullable(),
  })
  .openapi('RatingView');
export type RatingView = z.infer<typeof RatingViewSchema>;

export const StaffOrderRatingSchema = z
  .object({ rating: GivenRatingSchema.nullable() })
  .openapi('StaffOrderRating');
export type StaffOrderRating = z.infer<typeof StaffOrderRatingSchema>;
