'use client';
import { hc } from 'hono/client';
import type { bookingApi } from '../api';

/** Typed client of the booking routes (paths and payloads checked against the server's declarations). */
export const bookingClient = hc<typeof bookingApi>('/api');
