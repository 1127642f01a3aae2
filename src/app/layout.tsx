import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import type { CSSProperties, ReactNode } from 'react';
import { getBranding } from '@/server/branding';
import { SiteHeader } from './_shell/site-header';
import { SiteFooter } from './_shell/site-footer';
import { BottomNav } from './_shell/bottom-nav';
import { InstallPrompt, OfflineBookingSync, SaverWatcher } from './_shell/after-load-shell';
// in the first load: it must see the page's first path and every client-side navigation after it
import { ServiceWorkerRegistrar } from '@/features/pwa/components/service-worker';
import { ToastProvider } from '@/components/ui/toast';
import { env } from '@/env';
import { assetUrl } from '@/server/http/asset-url';
import { AnalyticsTracker } from '@/features/analytics/components';
import { ClientMessages } from '@/i18n/client-messages-provider';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  const { shopName } = getBranding();
  return {
    title: { default: t('title', { shop: shopName }), template: `%s · ${shopName}` },
    description: t('description'),
    applicationName: shopName,
    // the manifest (src/app/manifest.ts) is linked by Next; iOS reads these instead of it
    appleWebApp: { capable: true, title: shopName, statusBarStyle: 'default' },
    icons: { apple: [{ url: assetUrl('/icons/apple-touch-icon.png'), sizes: '180x180', type: 'image/png' }] },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  // the page runs under the home indicator and notch; the bottom navigation pads itself with
  // env(safe-area-inset-bottom), and the body keeps --bottom-nav-height clear (globals.css)
  viewportFit: 'cover',
  themeColor: getBranding().brandColor,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  const branding = getBranding();
  return (
    <html lang={locale} style={{ '--brand': branding.brandColor } as CSSProperties}>
      <body className="flex min-h-dvh flex-col pb-(--bottom-nav-height)">
        {/* the browser gets the shell's messages; each page's layout sends its own */}
        <ClientMessages scope="root">
          <ToastProvider label={t('notifications')}>
            <a
              href="#main"
              className="sr-only z-50 rounded-md bg-white px-4 py-2 focus:not-sr-only focus:absolute focus:left-4 focus:top-4"
            >
              {t('skipToContent')}
            </a>
            <SiteHeader branding={branding} />
            <main id="main" className="flex-1">
              {children}
            </main>
            <SaverWatcher />
            <SiteFooter shopName={branding.shopName} />
            <BottomNav />
            <ServiceWorkerRegistrar enabled={env.NODE_ENV === 'production'} />
            <InstallPrompt />
            {/* the event tracker's mode and flushing; page views are the customer layouts' */}
            <AnalyticsTracker mode={env.ANALYTICS_MODE} />
            {/* bookings saved on this device while offline go out from any page */}
            <OfflineBookingSync />
          </ToastProvider>
        </ClientMessages>
      </body>
    </html>
  );
}
