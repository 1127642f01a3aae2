/**
 * The multipart upload of a photo, judged the same way on every route that takes one (staff on
 * an order, a customer through the manage link): the file and the route's own fields, with
 * field messages for what is missing or wrong and 413 for a file over the limit.
 */
import type { z } from 'zod';
import { DomainError } from '@/server/domain-error';
import { fieldErrorsFromZod } from '@/server/http/errors';

/** Room for the form's other fields and its boundaries around the file. */
export const FORM_OVERHEAD = 256 * 1024;

type Parsed<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/** The uploaded file and the parsed fields, or the 422/413 that says what is wrong. */
export function uploadedPhoto<T>(
  form: FormData,
  fields: Parsed<T>,
  maxBytes: number,
): { file: File; data: T } {
  const file = form.get('file');
  const errors = fields.success ? [] : fieldErrorsFromZod(fields.error);
  if (!(file instanceof File)) errors.unshift({ path: 'file', message: 'Choose a photo to upload.' });
  if (errors.length > 0 || !fields.success || !(file instanceof File)) {
    throw new DomainError('VALIDATION_FAILED', 'The upload is invalid.', errors);
  }
  if (file.size > maxBytes) {
    const message = `The file is larger than ${Math.round((maxBytes / 1048576) * 10) / 10} MB.`;
    throw new DomainError('PAYLOAD_TOO_LARGE', message, [{ path: 'file', message }]);
  }
  return { file, data: fields.data };
}
