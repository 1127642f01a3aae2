import { z } from '@hono/zod-openapi';
import { EMAIL_STATUSES, isHostOrIp } from './presets';

export { EMAIL_STATUSES };

export { SMTP_PRESETS, type SmtpPreset } from './presets';

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the SMTP server, e.g. smtp.example.com.')
  .max(253, 'The host name can be at most 253 characters.')
  .refine(isHostOrIp, 'Enter a host name like smtp.example.com or an IP address.');

export const SmtpSettingsInputSchema = z
  .object({
    preset: z.enum(['gmail', 'outlook', 'sendgrid', 'custom']),
    host: hostSchema.optional(),
    port: z
      .number({ error: 'Enter a port number.' })
      .int('The port must be a whole number.')
      .min(1, 'The port must be between 1 and 65535.')
      .max(65535, 'The port must be between 1 and 65535.')
      .optional(),
    security: z.enum(['tls', 'starttls', 'none']).optional(),
    username: z.string().trim().max(254, 'The user name can be at most 254 characters.').optional(),
    /** empty or missing: keep the saved password */
    password: z.string().max(512, 'The password can be at most 512 characters.').optional(),
    fromName: z
      .string()
      .trim()
      .min(1, 'Enter the sender name customers will see.')
      .max(100, 'The sender name can be at most 100 characters.'),
    fromAddress: z
      .string()
      .trim()
      .max(254, 'The e-mail address can be at most 254 characters.')
      .pipe(z.email('Enter a valid e-mail address, e.g. repairs@example.com.')),
  })
  .superRefine((v, ctx) => {
    if (v.preset !== 'custom') return;
    if (!v.host) ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter the SMTP server.' });
    if (v.port === undefined)
      ctx.addIssue({ code: 'custom', path: ['port'], message: 'Enter a port number.' });
  })
  .openapi('SmtpSettingsInput');
export type SmtpSettingsInput = z.infer<typeof SmtpSettingsInputSchema>;

export const SmtpSettingsSchema = z
  .object({
    configured: z.boolean(),
    preset: z.enum(['gmail', 'outlook', 'sendgrid', 'custom']).nullable(),
    host: z.string().nullable(),
    port: z.number().nullable(),
    security: z.enum(['tls', 'starttls', 'none']).nullable(),
    username: z.string().nullable(),
    /** the password itself is never sent back */
    hasPassword: z.boolean(),
    fromName: z.string().nullable(),
    fromAddress: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .openapi('SmtpSettings');
export type SmtpSettings = z.infer<typeof SmtpSettingsSchema>;

export const SmtpCheckResultSchema = z
  .object({ ok: z.boolean(), message: z.string() })
  .openapi('SmtpCheckResult');
export type SmtpCheckResult = z.infer<typeof SmtpCheckResultSchema>;

export const SendTestInputSchema = z.object({
  to: z
    .string()
    .trim()
    .max(254, 'The e-mail address can be at most 254 characters.')
    .pipe(z.email('Enter a valid e-mail address.')),
});

export const MessageSummarySchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    template: z.string(),
    status: z.enum(EMAIL_STATUSES),
    transport: z.enum(['outbox', 'smtp']).nullable(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('EmailMessageSummary');
export type MessageSummary = z.infer<typeof MessageSummarySchema>;

export const MessageDetailSchema = MessageSummarySchema.extend({
  html: z.string(),
  text: z.string(),
  providerMessageId: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
}).openapi('EmailMessage');
export type MessageDetail = z.infer<typeof MessageDetailSchema>;

export const MessageListQuerySchema = z.object({
  status: z.enum(EMAIL_STATUSES).optional(),
  q: z.string().trim().max(200, 'The search can be at most 200 characters.').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;

export const MessageListSchema = z
  .object({ items: z.array(MessageSummarySchema), page: z.number(), pageSize: z.number(), total: z.number() })
  .openapi('EmailMessageList');
export type MessageList = z.infer<typeof MessageListSchema>;
