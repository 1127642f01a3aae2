/** The catalog domain's public surface, React side: what other domains may import. */
export { catalogClient } from './api-client';
