import { z } from '@hono/zod-openapi';

export const APP_EVENT_NAMES = [
  'install_prompt_shown',
  'install_prompt_accepted',
  'install_prompt_dismissed',
  'app_installed',
] as const;
export type AppEventName = (typeof APP_EVENT_NAMES)[number];

/** A few small facts about the event, e.g. `{ trigger: 'booking', platform: 'ios' }`. */
export const AppEventDataSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'keys are letters, digits and underscores'),
    z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()]),
  )
  .refine((data) => Object.keys(data).length <= 10, 'at most 10 entries');

export const AppEventSchema = z
  .object({
    name: z.enum(APP_EVENT_NAMES),
    data: AppEventDataSchema.optional(),
  })
  .strict()
  .openapi('AppEvent');
export type AppEvent = z.infer<typeof AppEventSchema>;
