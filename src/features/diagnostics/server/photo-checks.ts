/**
 * The photos sent with a description, checked for blur, exposure and size (the photos domain's
 * checkPhotoQuality). Nothing here claims to see damage in a photo: the checks only say whether
 * a technician could read it ("retake: too dark"). A photo that is not a readable image is a 422.
 */
import { checkPhotoQuality } from '@/features/photos/server';
import { DomainError, type FieldError } from '@/server/domain-error';
import type { Diagnosis } from '../schemas';

function bytesOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

export async function checkDiagnosePhotos(photos: readonly string[]): Promise<Diagnosis['photoChecks']> {
  const errors: FieldError[] = [];
  const checks = await Promise.all(
    photos.map(async (photo, index) => {
      try {
        const quality = await checkPhotoQuality(bytesOf(photo));
        return {
          index,
          ok: quality.ok,
          problems: quality.problems.map(({ code, message }) => ({ code, message })),
        };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ path: `photos.${index}`, message: 'This is not a readable JPEG, PNG or WebP image.' });
        return null;
      }
    }),
  );
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'A photo could not be read.', errors);
  }
  return checks.filter((c) => c !== null);
}
