'use client';
import { hc } from 'hono/client';
import type { notificationsApi } from '../api';

/** Typed client of the notifications routes (paths and payloads checked against the server's declarations). */
export const notificationsClient = hc<typeof notificationsApi>('/api');
