'use client';
import { hc } from 'hono/client';
import type { authApi } from '../api';

/** Typed client of the auth routes (paths and payloads checked against the server's declarations). */
export const authClient = hc<typeof authApi>('/api');
