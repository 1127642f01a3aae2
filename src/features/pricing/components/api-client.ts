'use client';
import { hc } from 'hono/client';
import type { pricingApi } from '../api';

/** Typed client of the pricing routes (paths and payloads checked against the server's declarations). */
export const pricingClient = hc<typeof pricingApi>('/api');
