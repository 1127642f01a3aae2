/** The security domain's public surface, server side: what other domains may import. */
export { shopSecurity } from './auth-plugin';
export { withStatusOverride } from './status-override';
