'use client';
import { hc } from 'hono/client';
import type { paymentsApi } from '../api';

/** Typed client of the payments routes (paths and payloads checked against the server's declarations). */
export const paymentsClient = hc<typeof paymentsApi>('/api');
