import { createRouter } from '@/server/http/app';
import { customerPaymentsApi } from './customer';
import { invoicesApi } from './invoices';
import { staffPaymentsApi } from './staff';

/** Every payments route (mounted in src/server/api.ts). */
export const paymentsApi = createRouter()
  .route('/', customerPaymentsApi)
  .route('/', staffPaymentsApi)
  .route('/', invoicesApi);
