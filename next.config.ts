import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { env } from './src/env';
import { SERVER_EXTERNAL_PACKAGES } from './scripts/lib/server-external-packages.mjs';

// messages/*.json are loaded through next-intl's catalogue loader, which compiles their ICU
// syntax at build time: the browser (and the server's Next bundle) get next-intl's format-only
// runtime instead of intl-messageformat's parser (about -10 kB gzipped on every page's first load,
// docs/benchmarks.md "Pages on a phone"). Code outside the Next build (the API server, tests)
// reads the JSON as it is, with the full formatter.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './src/i18n/request.ts',
  experimental: {
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

const config: NextConfig = {
  poweredByHeader: false,
  // a CDN in front of /_next/static (README, "Static assets and a CDN"); read at build time
  assetPrefix: env.ASSET_PREFIX,
  // packages loaded from node_modules, never bundled (database drivers, sharp, pdfkit, the AI
  // models): one list with the compiled server's build (scripts/lib/server-external-packages.mjs)
  serverExternalPackages: SERVER_EXTERNAL_PACKAGES,
  images: { formats: ['image/avif', 'image/webp'] },
  experimental: {
    // Next's server would require every page's compiled module at start-up, in the background
    // but on the event loop the start needs (about three quarters of `prepare()`'s CPU, README
    // "Start-up time"); each page's module loads on its first request instead
    preloadEntriesOnStart: false,
  },
};

export default withSerwist(withNextIntl(config));
