/**
 * Live streams (server-sent events) for any domain: a domain describes its feed (channels,
 * rows after an id, rows by id) and answers its stream route with `serveLive`.
 */
export { serveLive } from './serve-live';
export type { Announcement, LiveFeed, LiveItem } from './live-cursor';
export { rowOrResync } from './announcements';
export { resumeQuery, streamResponse } from './stream-route';
