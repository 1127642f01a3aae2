/** The auth domain's server surface for other domains and the entry. */
export { getAuth, resetAuth, type Auth } from './auth';
export { ensureFirstAdmin } from './ensure-admin';
