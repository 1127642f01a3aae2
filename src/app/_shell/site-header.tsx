import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Wrench } from 'lucide-react';
import type { Branding } from '@/server/branding';
import { MobileNav } from './mobile-nav';
import { getPageUser } from '@/features/auth/server/page-guard';
import { NotificationBell } from '@/features/notifications/components/lazy-notification-bell';
import { atLeast } from '@/features/access/ability';
import { NAV_HREF } from './nav-links';

export async function SiteHeader({ branding }: { branding: Branding }) {
  const t = await getTranslations('nav');
  const tInsights = await getTranslations('insights');
  const user = await getPageUser();
  const links = [
    { href: NAV_HREF.book, label: t('book') },
    { href: NAV_HREF.shops, label: t('shops') },
    { href: NAV_HREF.track, label: t('track') },
    ...(user && atLeast(user.role, 'technician')
      ? [
          { href: NAV_HREF.console, label: t('console') },
          { href: NAV_HREF.insights, label: tInsights('consoleLink') },
          { href: NAV_HREF.support, label: t('support') },
        ]
      : []),
    // one entry for the administration: its pages (users, audit, security, outbox, e-mail
    // set-up) have their own navigation, src/app/(staff)/admin/layout.tsx
    ...(user?.role === 'admin' ? [{ href: NAV_HREF.admin, label: t('adminArea') }] : []),
    // managers' one admin page: the analytics of their shop (admins reach it from the admin nav)
    ...(user?.role === 'manager' ? [{ href: NAV_HREF.analytics, label: t('analytics') }] : []),
    user ? { href: NAV_HREF.repairs, label: t('account') } : { href: NAV_HREF.signIn, label: t('signIn') },
  ];
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4">
        <Link href="/" className="flex min-h-11 items-center gap-2 text-lg font-bold text-slate-900">
          {branding.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- logo URL is configured at runtime
            <img src={branding.logoUrl} alt="" className="h-8 w-auto" />
          ) : (
            <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand text-brand-fg">
              <Wrench className="size-5" />
            </span>
          )}
          <span>{branding.shopName}</span>
        </Link>
        <div className="flex items-center gap-1">
          <nav aria-label={t('label')} className="hidden md:block">
            <ul className="flex items-center gap-1">
              {links.map((l) => (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    // tighter from 768 px to 1023 px: a technician's seven links fit beside the name
                    className="rounded-lg px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:px-3 lg:text-base"
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {user ? <NotificationBell /> : null}
          <MobileNav links={links} menuLabel={t('menu')} closeLabel={t('closeMenu')} navLabel={t('label')} />
        </div>
      </div>
    </header>
  );
}
