'use client';
import { hc } from 'hono/client';
import type { shopsApi } from '../api';

/** Typed client of the shops routes (paths and payloads checked against the server's declarations). */
export const shopsClient = hc<typeof shopsApi>('/api');
