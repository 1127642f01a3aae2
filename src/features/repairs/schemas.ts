import { CustomerOrderSchema, OrderEventSchema, type CustomerOrder } from './portal-schemas';

/**
 * The public tracking link shows the same customer view as the account portal (see
 * portal-schemas.ts): whoever holds the secret token is treated as the customer.
 */
export const TimelineEntrySchema = OrderEventSchema;
export const TrackingSchema = CustomerOrderSchema;
export type Tracking = CustomerOrder;
