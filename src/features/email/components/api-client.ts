'use client';
import { hc } from 'hono/client';
import type { emailApi } from '../api';

/** Typed client of the email routes (paths and payloads checked against the server's declarations). */
export const emailClient = hc<typeof emailApi>('/api');
