import type { MetadataRoute } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { getBranding } from '@/server/branding';
import { assetUrl } from '@/server/http/asset-url';

/**
 * /manifest.webmanifest: what makes the site installable as an app. Icons come from
 * scripts/generate-pwa-icons.mjs (one source, src/app/icon.svg); the screenshots are the home
 * page at phone and desktop size (scripts/capture-pwa-screenshots.mjs).
 */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations('pwa.manifest');
  const tNav = await getTranslations('nav');
  const tMeta = await getTranslations('meta');
  const { shopName, brandColor } = getBranding();
  const shortcutIcon = [{ src: assetUrl('/icons/icon-192.png'), sizes: '192x192', type: 'image/png' }];
  return {
    id: '/',
    name: t('name', { shop: shopName }),
    short_name: shopName.length <= 12 ? shopName : shopName.slice(0, 12).trim(),
    description: tMeta('description'),
    lang: await getLocale(),
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    display_override: ['standalone', 'minimal-ui'],
    orientation: 'any',
    theme_color: brandColor,
    background_color: '#f8fafc',
    categories: ['business', 'utilities', 'productivity'],
    icons: [
      { src: assetUrl('/icons/icon-192.png'), sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: assetUrl('/icons/icon-512.png'), sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: assetUrl('/icons/maskable-192.png'), sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: assetUrl('/icons/maskable-512.png'), sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: assetUrl('/icons/apple-touch-icon.png'), sizes: '180x180', type: 'image/png', purpose: 'any' },
    ],
    screenshots: [
      {
        src: assetUrl('/screenshots/home-narrow.png'),
        sizes: '390x844',
        type: 'image/png',
        form_factor: 'narrow',
        label: t('screenshotNarrow'),
      },
      {
        src: assetUrl('/screenshots/home-wide.png'),
        sizes: '1280x800',
        type: 'image/png',
        form_factor: 'wide',
        label: t('screenshotWide'),
      },
    ],
    shortcuts: [
      { name: tNav('book'), short_name: t('shortBook'), url: '/book-repair', icons: shortcutIcon },
      { name: tNav('track'), short_name: t('shortTrack'), url: '/track', icons: shortcutIcon },
      { name: tNav('console'), short_name: tNav('console'), url: '/staff', icons: shortcutIcon },
    ],
  };
}
