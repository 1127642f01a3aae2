import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const config: NextConfig = {
  poweredByHeader: false,
  // keep the database drivers out of the bundle (PGlite ships a 15 MB wasm)
  // (and sharp, a native image library, loaded from node_modules, never bundled)
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pg',
    'pino',
    'bentocache',
    'pg-boss',
    'nodemailer',
    'sharp',
  ],
  images: { formats: ['image/avif', 'image/webp'] },
};

export default withNextIntl(config);
