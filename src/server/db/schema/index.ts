export * from './catalog';
export * from './shops';
export * from './bookings';
export * from './repairs';
