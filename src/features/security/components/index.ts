/** The security domain's public surface, React side: what other domains may import. */
export { securityClient } from './api-client';
