/** The catalog domain's public surface, shared (server and browser) side: what other domains may import. */
export type { Brand, Category } from './schemas';
