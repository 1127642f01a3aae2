import { z } from '@hono/zod-openapi';

/** The 200 answer of a stream route, for the OpenAPI document. */
export function streamResponse(description: string) {
  return {
    description: `${description}. Server-sent events: \`data\` is JSON, \`id\` the event id to resume from (the Last-Event-ID header, or \`?lastEventId=\`).`,
    content: { 'text/event-stream': { schema: z.string() } },
  };
}

/** The query parameter a stream resumes from when the browser cannot send Last-Event-ID. */
export const resumeQuery = { lastEventId: z.string().max(20).optional() };
