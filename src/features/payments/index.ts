/** The payments domain's public surface, shared (server and browser) side: what other domains may import. */
export { isCaptured } from './state';
