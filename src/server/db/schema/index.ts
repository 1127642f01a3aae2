export * from './auth';
export * from './catalog';
export * from './shops';
export * from './bookings';
export * from './repairs';
export * from './email';
export * from './payments';
export * from './audit';
