'use client';
import { hc } from 'hono/client';
import type { consoleApi } from '../api';

/** Typed client of the console routes (paths and payloads checked against the server's declarations). */
export const consoleClient = hc<typeof consoleApi>('/api');
