'use client';
import { hc } from 'hono/client';
import type { supportCustomerApi } from '../api/customer';
import type { supportStaffApi } from '../api/staff';

/** Typed clients of the support routes (paths and payloads checked against the server's declarations). */
export const supportClient = hc<typeof supportCustomerApi>('/api');
export const staffSupportClient = hc<typeof supportStaffApi>('/api');
