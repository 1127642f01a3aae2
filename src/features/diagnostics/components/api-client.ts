'use client';
import { hc } from 'hono/client';
import type { diagnosticsApi } from '../api';

/** Typed client of the diagnostics routes (paths and payloads checked against the server's declarations). */
export const diagnosticsClient = hc<typeof diagnosticsApi>('/api');
