/**
 * Photos of the damage from the customer, sent after the booking is made: multipart `file`
 * (+ optional `caption`), authorised by the manage link's signature (`sig`, a form field or the
 * query string). Reads its own body with a cap (exempt from the JSON body limit, like the staff
 * photo upload: src/server/entry/api.ts).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { errorResponses, problemContentOf } from '@/server/http/errors';
import { idempotencyHeader, jsonResponse } from '@/server/http/openapi';
import { perIp, perParam, rateLimit, rateLimitedResponse } from '@/server/http/rate-limit';
import { readMultipartForm } from '@/server/http/upload-body';
import { env } from '@/env';
import { getDb } from '@/server/db/runtime';
import { FORM_OVERHEAD, maxUploadBytes, uploadedPhoto } from '@/features/photos/server';
import { PhotoQualitySchema, PhotoUploadFieldsSchema } from '@/features/photos/schemas';
import { BOOKING_PHOTO_MAX } from '../booking-photos';
import { addBookingPhoto, bookingOrderForPhotos } from '../server/add-booking-photo';

/** Room for the text fields and multipart framing on top of the file itself. */

/** This route reads its own body (see src/server/entry/api.ts). */
export function isBookingPhotoUploadRequest(method: string, path: string): boolean {
  return method === 'POST' && /^\/api\/bookings\/[^/]+\/photos\/?$/.test(path);
}

const problem = problemContentOf();

const limits = rateLimit(
  perIp('booking-photos', env.RATE_LIMIT_BOOKING_PHOTOS_IP, 'Too many photos from this address.'),
  perParam(
    'booking-photos',
    env.RATE_LIMIT_BOOKING_PHOTOS_BOOKING,
    'reference',
    'Too many photos for this booking.',
  ),
);

export const BookingPhotoSchema = z
  .object({
    photo: z.object({
      id: z.string(),
      sizeBytes: z.number().int(),
      width: z.number().int(),
      height: z.number().int(),
      caption: z.string().nullable(),
    }),
    remaining: z.number().int().openapi({ description: 'How many more photos the booking may take' }),
    quality: PhotoQualitySchema.nullable().openapi({
      description:
        'Advice to retake (too dark, blurry…), never a refusal; null only on a replay whose file is missing',
    }),
  })
  .openapi('BookingPhoto');

const uploadRoute = createRoute({
  method: 'post',
  path: '/bookings/{reference}/photos',
  tags: ['Booking'],
  summary: `Add a photo of the damage to a booking (signed manage link; at most ${BOOKING_PHOTO_MAX})`,
  description:
    "Stored on the booking's repair as a customer-visible 'before' photo, turned upright and " +
    'stripped of metadata like every photo. Only while the repair is booked or received.',
  middleware: [limits] as const,
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({
      sig: z.string().max(200).optional().openapi({ description: 'Or a `sig` form field' }),
    }),
    headers: idempotencyHeader('A unique key per photo: a retry with the same key stores it once.'),
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP (the bytes decide)' },
              caption: { type: 'string', maxLength: 200 },
              sig: { type: 'string', description: 'The signature from the manage link' },
            },
          },
        },
      },
    },
  },
  responses: {
    201: jsonResponse(BookingPhotoSchema, 'Stored'),
    200: jsonResponse(BookingPhotoSchema, 'A replay of an earlier upload with the same Idempotency-Key'),
    400: errorResponses[400],
    404: errorResponses[404],
    409: errorResponses[409],
    413: { description: 'The file (or the request) is over the size limit', content: problem },
    415: { description: 'Not a JPEG, PNG or WebP image', content: problem },
    422: errorResponses[422],
    ...rateLimitedResponse,
  },
});

export const bookingPhotoRoutes = createRouter().openapi(uploadRoute, async (c) => {
  const { reference } = c.req.valid('param');
  const db = await getDb();
  const querySig = c.req.valid('query').sig;
  // with the signature in the URL, a wrong link is refused before the body is read
  if (querySig) await bookingOrderForPhotos(db, reference, querySig);
  const maxBytes = maxUploadBytes();
  const form = await readMultipartForm(c, maxBytes + FORM_OVERHEAD);
  const formSig = form.get('sig');
  const sig = querySig ?? (typeof formSig === 'string' ? formSig : undefined);
  // the same 404 as a wrong signature, before any field is judged
  await bookingOrderForPhotos(db, reference, sig);
  const { file, data } = uploadedPhoto(
    form,
    PhotoUploadFieldsSchema.pick({ caption: true }).safeParse({ caption: form.get('caption') ?? undefined }),
    maxBytes,
  );
  const result = await addBookingPhoto(db, reference, sig, {
    bytes: Buffer.from(await file.arrayBuffer()),
    type: file.type,
    name: file.name,
    caption: data.caption,
    idempotencyKey: c.req.valid('header')['idempotency-key'],
  });
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(
    { photo: result.photo, remaining: result.remaining, quality: result.quality },
    result.replayed ? 200 : 201,
  );
});
