'use client';
import { hc } from 'hono/client';
import type { catalogApi } from '../api';

/** Typed client of the catalog routes (paths and payloads checked against the server's declarations). */
export const catalogClient = hc<typeof catalogApi>('/api');
