'use client';
import { hc } from 'hono/client';
import type { ratingsApi } from '../api';

/** Typed client of the ratings routes. */
export const ratingsClient = hc<typeof ratingsApi>('/api');
