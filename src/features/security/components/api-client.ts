'use client';
import { hc } from 'hono/client';
import type { securityApi } from '../api';

/** Typed client of the security routes (paths and payloads checked against the server's declarations). */
export const securityClient = hc<typeof securityApi>('/api');
