/**
 * Photos of a repair order: upload (multipart, its own streaming size cap), the staff,
 * customer and tracking-link lists, the image bytes, and delete. Thin: parse, authorise, call
 * server/, answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { accessErrorResponses, errorResponses, problemContentOf } from '@/server/http/errors';
import { idempotencyHeader, jsonResponse } from '@/server/http/openapi';
import { requireUser } from '@/server/http/guard';
import { abilityOf, authorize } from '@/features/access/server';
import { readMultipartForm } from '@/server/http/upload-body';
import { getDb } from '@/server/db/runtime';
import { PhotoFileQuerySchema, PhotoListSchema, PhotoUploadFieldsSchema, PhotoUploadSchema } from './schemas';
import { CAPTION_MAX, PHOTO_KIND_VALUES, PHOTO_VISIBILITY_VALUES } from './photo-rules';
import { addPhoto, assertCanUploadTo, findPhotoByKey, staffPhotoCaller } from './server/upload-photo';
import { deletePhoto } from './server/delete-photo';
import { FORM_OVERHEAD, uploadedPhoto } from './server/upload-form';
import {
  listAccountPhotos,
  listStaffPhotos,
  listTrackedPhotos,
  maxUploadBytes,
  maxUploadPixels,
  toPhotoDto,
} from './server/list-photos';
import { openPhotoFile } from './server/open-photo-file';
import { processImage } from './server/process-image';
import { checkPhotoQuality, type PhotoQuality } from './server/photo-quality';
import { storedPhotoQuality } from './server/stored-photo-quality';
import { canDeletePhoto, type PhotoRow } from './server/photo-access';
import type { LoadedOrder } from '@/features/repairs/server';

/** Room for the text fields and multipart framing on top of the file itself. */

/** The upload route reads its own body (see api.ts: it is exempt from the 64 KB JSON cap). */
export function isPhotoUploadRequest(method: string, path: string): boolean {
  return method === 'POST' && /^\/api\/staff\/orders\/[^/]+\/photos\/?$/.test(path);
}

const problem = problemContentOf();
export const PhotoIdempotencyHeader = idempotencyHeader(
  'A unique key per photo: a retry with the same key (after a lost answer) returns the photo stored ' +
    'the first time instead of storing it again.',
);
const authErrors = accessErrorResponses;
const orderParams = z.object({ id: z.string().min(1).max(64) });

const uploadRoute = createRoute({
  method: 'post',
  path: '/staff/orders/{id}/photos',
  tags: ['Photos'],
  summary: 'Add a photo to an order (assigned technician or manager); JPEG, PNG or WebP',
  description:
    'The type is read from the bytes. The stored image is turned upright, stripped of metadata ' +
    '(EXIF, GPS) and scaled to at most 2560 px; a 320 px WebP thumbnail is made.',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: {
    params: orderParams,
    headers: PhotoIdempotencyHeader,
    body: {
      required: true,
      content: {
        // a plain OpenAPI schema, not zod: the route reads the body itself with its own cap
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file', 'kind'],
            properties: {
              file: { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP (the bytes decide)' },
              kind: { type: 'string', enum: [...PHOTO_KIND_VALUES] },
              visibility: { type: 'string', enum: [...PHOTO_VISIBILITY_VALUES], default: 'customer' },
              caption: { type: 'string', maxLength: CAPTION_MAX },
            },
          },
        },
      },
    },
  },
  responses: {
    201: jsonResponse(
      PhotoUploadSchema,
      'The stored photo and its quality (advice to retake, never a refusal)',
    ),
    200: jsonResponse(PhotoUploadSchema, 'A replay of an earlier upload with the same Idempotency-Key'),
    400: errorResponses[400],
    404: errorResponses[404],
    413: { description: 'The file (or the request) is over the size limit', content: problem },
    415: { description: 'Not a JPEG, PNG or WebP image, or not what it claims to be', content: problem },
    422: errorResponses[422],
    ...authErrors,
  },
});

const staffListRoute = createRoute({
  method: 'get',
  path: '/staff/orders/{id}/photos',
  tags: ['Photos'],
  summary: "All of an order's photos, internal ones included (staff)",
  middleware: [authorize('read', 'InternalNote')] as const,
  request: { params: orderParams },
  responses: { 200: jsonResponse(PhotoListSchema, 'Photos'), 404: errorResponses[404], ...authErrors },
});

const accountListRoute = createRoute({
  method: 'get',
  path: '/account/repairs/{reference}/photos',
  tags: ['Photos'],
  summary: "The customer-visible photos of one of the signed-in customer's repairs",
  middleware: [requireUser] as const,
  request: { params: z.object({ reference: z.string().min(1).max(20) }) },
  responses: { 200: jsonResponse(PhotoListSchema, 'Photos'), 404: errorResponses[404], ...authErrors },
});

const trackListRoute = createRoute({
  method: 'get',
  path: '/track/{reference}/photos',
  tags: ['Photos'],
  summary: 'The customer-visible photos of a repair, for the holder of its tracking link',
  request: {
    params: z.object({ reference: z.string().min(1).max(20) }),
    query: z.object({ token: z.string().max(200).optional() }),
  },
  responses: { 200: jsonResponse(PhotoListSchema, 'Photos'), 404: errorResponses[404] },
});

const fileRoute = createRoute({
  method: 'get',
  path: '/photos/{photoId}',
  tags: ['Photos'],
  summary:
    "A photo's image (size=thumb for the 320 px WebP thumbnail; w and format for a responsive variant)",
  description:
    'For staff, the order’s owner, or with the order’s tracking token (`token`). Internal photos ' +
    'are served to staff only; anyone else gets 404.',
  request: { params: z.object({ photoId: z.string().min(1).max(64) }), query: PhotoFileQuerySchema },
  responses: {
    200: {
      description: 'The image',
      content: {
        'image/jpeg': { schema: { type: 'string', format: 'binary' } },
        'image/png': { schema: { type: 'string', format: 'binary' } },
        'image/webp': { schema: { type: 'string', format: 'binary' } },
        'image/avif': { schema: { type: 'string', format: 'binary' } },
      },
    },
    304: { description: 'Not modified (If-None-Match)' },
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/staff/orders/{id}/photos/{photoId}',
  tags: ['Photos'],
  summary: 'Delete a photo (manager, or the uploader while the order is assigned to them)',
  middleware: [authorize('update', 'RepairOrder')] as const,
  request: { params: z.object({ id: z.string().min(1).max(64), photoId: z.string().min(1).max(64) }) },
  responses: { 204: { description: 'Deleted' }, 404: errorResponses[404], ...authErrors },
});

function actorOf(u: { id: string; name: string }) {
  return { name: u.name, userId: u.id, role: 'staff' as const };
}

export const photosApi = createRouter()
  .openapi(uploadRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ability = abilityOf(c);
    const me = c.get('user')!;
    const db = await getDb();
    const key = c.req.valid('header')['idempotency-key'];
    // refuse before reading a byte of the body
    const target = await assertCanUploadTo(db, id, ability);
    const maxBytes = maxUploadBytes();
    const form = await readMultipartForm(c, maxBytes + FORM_OVERHEAD);
    const answer = (photo: PhotoRow, loaded: LoadedOrder, quality: PhotoQuality | null) => ({
      ...toPhotoDto(
        { ...photo, uploaderName: photo.uploadedBy === me.id ? me.name : null },
        { staff: true, canDelete: canDeletePhoto(ability, loaded, photo, me.id) },
      ),
      quality,
    });
    // a retry whose first answer was lost: the same photo, not a second copy
    const earlier = await findPhotoByKey(db, target.order.id, key);
    if (earlier) {
      c.header('Idempotent-Replayed', 'true');
      return c.json(answer(earlier, target, await storedPhotoQuality(earlier)), 200);
    }
    const { file, data } = uploadedPhoto(
      form,
      PhotoUploadFieldsSchema.safeParse({
        kind: form.get('kind') ?? undefined,
        visibility: form.get('visibility') || undefined,
        caption: form.get('caption') ?? undefined,
      }),
      maxBytes,
    );
    const image = await processImage(
      Buffer.from(await file.arrayBuffer()),
      { maxBytes, maxPixels: maxUploadPixels() },
      { type: file.type, name: file.name },
    );
    const quality = await checkPhotoQuality(image.full);
    const caller = staffPhotoCaller(ability, actorOf(me), key);
    const { photo, loaded, replayed } = await addPhoto(db, id, image, data, caller);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer(photo, loaded, quality), replayed ? 200 : 201);
  })
  .openapi(staffListRoute, async (c) => {
    const me = c.get('user')!;
    const list = await listStaffPhotos(await getDb(), c.req.valid('param').id, {
      ability: abilityOf(c),
      userId: me.id,
    });
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(accountListRoute, async (c) => {
    const list = await listAccountPhotos(await getDb(), c.req.valid('param').reference, c.get('user')!.id);
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(trackListRoute, async (c) => {
    const list = await listTrackedPhotos(
      await getDb(),
      c.req.valid('param').reference,
      c.req.valid('query').token,
    );
    // same answer for an unknown reference and a wrong token
    if (!list) throw new DomainError('NOT_FOUND', 'No repair matches that reference and link.');
    c.header('cache-control', 'no-store');
    return c.json(list, 200);
  })
  .openapi(fileRoute, async (c) => {
    const { size, token, w, format, v } = c.req.valid('query');
    const me = c.get('user');
    const file = await openPhotoFile(
      await getDb(),
      c.req.valid('param').photoId,
      { size, w, format, v },
      {
        ability: abilityOf(c),
        userId: me?.id ?? null,
        token,
      },
    );
    const headers = {
      'content-type': file.contentType,
      // private: the bytes are access-controlled (a shared cache must not hand them to others)
      'cache-control': file.immutable ? 'private, max-age=31536000, immutable' : 'private, max-age=3600',
      etag: file.etag,
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      'cross-origin-resource-policy': 'same-origin',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    const inm = c.req.header('if-none-match');
    if (inm && inm.split(',').some((t) => t.trim() === file.etag)) {
      await file.body.cancel();
      return c.body(null, 304, headers);
    }
    return c.body(file.body, 200, { ...headers, 'content-length': String(file.size) });
  })
  .openapi(deleteRoute, async (c) => {
    const { id, photoId } = c.req.valid('param');
    await deletePhoto(await getDb(), id, photoId, { ability: abilityOf(c), actor: actorOf(c.get('user')!) });
    return c.body(null, 204);
  });
