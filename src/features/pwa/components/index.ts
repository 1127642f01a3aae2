/** The PWA domain's public surface, React side: what other domains may import. */
export { markInstallEngagement } from './engagement';
