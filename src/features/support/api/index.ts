/** The support domain's API: the assistant's chat (customers, visitors) and the console's inbox (staff). */
import { createRouter } from '@/server/http/app';
import { supportCustomerApi } from './customer';
import { supportStaffApi } from './staff';

export const supportApi = createRouter().route('/', supportCustomerApi).route('/', supportStaffApi);
