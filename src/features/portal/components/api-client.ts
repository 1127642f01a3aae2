'use client';
import { hc } from 'hono/client';
import type { portalApi } from '../api';

/** Typed client of the portal routes (paths and payloads checked against the server's declarations). */
export const portalClient = hc<typeof portalApi>('/api');
