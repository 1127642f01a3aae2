'use client';
import { hc } from 'hono/client';
import type { repairsApi } from '../api';

/** Typed client of the repairs routes (paths and payloads checked against the server's declarations). */
export const repairsClient = hc<typeof repairsApi>('/api');
