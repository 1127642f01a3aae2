'use client';
import { hc } from 'hono/client';
import type { quotesApi } from '../api';

/** Typed client of the quotes routes (paths and payloads checked against the server's declarations). */
export const quotesClient = hc<typeof quotesApi>('/api');
