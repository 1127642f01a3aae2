import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NAV_HREF } from './nav-links';

export async function SiteFooter({ shopName }: { shopName: string }) {
  const t = await getTranslations('footer');
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-8 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between">
        <p>{t('copyright', { shop: shopName, year: new Date().getFullYear() })}</p>
        <nav aria-label={t('label')}>
          <ul className="flex flex-wrap gap-x-4">
            <li>
              <Link
                className="inline-flex min-h-11 items-center underline-offset-4 hover:underline"
                href={NAV_HREF.shops}
              >
                {t('shops')}
              </Link>
            </li>
            <li>
              <Link
                className="inline-flex min-h-11 items-center underline-offset-4 hover:underline"
                href={NAV_HREF.track}
              >
                {t('track')}
              </Link>
            </li>
            <li>
              <a
                className="inline-flex min-h-11 items-center underline-offset-4 hover:underline"
                href="/api/docs"
              >
                {t('api')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
