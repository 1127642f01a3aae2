import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { withSerwist } from '@serwist/turbopack';
import { env } from './src/env';
import { SERVER_EXTERNAL_PACKAGES } from './scripts/lib/server-external-packages.mjs';

const withNextIntl = createNextIntlPlugin('./src/i18n/request.ts');

const config: NextConfig = {
  poweredByHeader: false,
  // a CDN in front of /_next/static (README, "Static assets and a CDN"); read at build time
  assetPrefix: env.ASSET_PREFIX,
  // packages loaded from node_modules, never bundled (database drivers, sharp, pdfkit, the AI
  // models): one list with the compiled server's build (scripts/lib/server-external-packages.mjs)
  serverExternalPackages: SERVER_EXTERNAL_PACKAGES,
  images: { formats: ['image/avif', 'image/webp'] },
};

export default withSerwist(withNextIntl(config));
