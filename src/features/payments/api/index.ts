import { createRouter } from '@/server/http/app';
import { customerPaymentsApi } from './customer';
import { invoicesApi } from './invoices';
import { staffPaymentsApi } from './staff';
import { webhooksApi } from './webhooks';

/** Every payments route (mounted by the entry, src/server/entry/api.ts). */
export const paymentsApi = createRouter()
  .route('/', customerPaymentsApi)
  .route('/', staffPaymentsApi)
  .route('/', invoicesApi)
  .route('/', webhooksApi);
