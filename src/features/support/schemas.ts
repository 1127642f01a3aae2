/** The support domain's zod schemas: the API's bodies and answers, shared with the widget. */
import { z } from '@hono/zod-openapi';
import { MAX_STAFF_REPLY, MAX_SUPPORT_MESSAGE } from './limits';

export { MAX_STAFF_REPLY, MAX_SUPPORT_MESSAGE };

const LinkSchema = z.object({ label: z.string(), href: z.string() });

export const PostSupportMessageSchema = z
  .object({
    message: z
      .string({ error: 'Please write a message.' })
      .trim()
      .min(1, 'Please write a message.')
      .max(
        MAX_SUPPORT_MESSAGE,
        `Please keep a message under ${MAX_SUPPORT_MESSAGE.toLocaleString('en-GB')} characters.`,
      ),
    conversationId: z.uuid('Not a conversation id.').optional(),
    /** the tracking link's token, when the widget is on the tracking page */
    trackingToken: z.string().max(200, 'Not a tracking token.').optional(),
  })
  .openapi('PostSupportMessage');

export const SupportMessageSchema = z
  .object({
    id: z.number().int(),
    author: z.enum(['customer', 'assistant', 'staff']),
    body: z.string(),
    links: z.array(LinkSchema),
    /** a staff message: the first name of who wrote it */
    staffName: z.string().nullable(),
    at: z.string(),
  })
  .openapi('SupportMessage');
export type SupportMessageView = z.infer<typeof SupportMessageSchema>;

const SentimentSchema = z.object({ score: z.number(), label: z.enum(['negative', 'neutral', 'positive']) });
const EntitiesSchema = z.object({
  references: z.array(z.string()),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  devices: z.array(z.object({ slug: z.string(), name: z.string() })),
  shops: z.array(z.object({ slug: z.string(), name: z.string() })),
  dates: z.array(z.string()),
});

export const SUPPORT_STATUS_VALUES = ['open', 'waiting_staff', 'closed'] as const;

export const SupportAnswerSchema = z
  .object({
    conversationId: z.uuid(),
    intent: z.string(),
    entities: EntitiesSchema,
    sentiment: SentimentSchema,
    reply: z.string(),
    links: z.array(LinkSchema),
    handover: z.boolean(),
    status: z.enum(SUPPORT_STATUS_VALUES),
    /** the conversation's transcript (the latest messages, oldest first) */
    messages: z.array(SupportMessageSchema),
  })
  .openapi('SupportAnswer');

export const CustomerConversationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(SUPPORT_STATUS_VALUES),
    messages: z.array(SupportMessageSchema),
  })
  .openapi('SupportConversation');
export type CustomerConversationView = z.infer<typeof CustomerConversationSchema>;

export const ConversationIdParamSchema = z.object({ id: z.uuid('Not a conversation id.') });

export const StaffConversationSummarySchema = z
  .object({
    id: z.uuid(),
    shopSlug: z.string().nullable(),
    status: z.enum(SUPPORT_STATUS_VALUES),
    handoverReason: z.string().nullable(),
    contactEmail: z.string().nullable(),
    customerName: z.string().nullable(),
    preview: z.string(),
    lastMessageAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('StaffSupportConversationSummary');
export type StaffConversationSummary = z.infer<typeof StaffConversationSummarySchema>;

export const StaffMessageSchema = SupportMessageSchema.extend({
  intent: z.string().nullable(),
  sentiment: SentimentSchema.nullable(),
}).openapi('StaffSupportMessage');
export type StaffMessageView = z.infer<typeof StaffMessageSchema>;

export const StaffConversationSchema = StaffConversationSummarySchema.extend({
  messages: z.array(StaffMessageSchema),
}).openapi('StaffSupportConversation');
export type StaffConversationView = z.infer<typeof StaffConversationSchema>;

export const StaffListQuerySchema = z.object({
  status: z.enum(['waiting_staff', 'open', 'closed', 'all']).default('waiting_staff'),
});

export const StaffReplySchema = z
  .object({
    message: z
      .string({ error: 'Please write a reply.' })
      .trim()
      .min(1, 'Please write a reply.')
      .max(
        MAX_STAFF_REPLY,
        `Please keep a reply under ${MAX_STAFF_REPLY.toLocaleString('en-GB')} characters.`,
      ),
  })
  .openapi('StaffSupportReply');
