/** The shops domain's public surface, shared (server and browser) side: what other domains may import. */
export type { Shop } from './schemas';
