import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { getPageUser } from '@/features/auth/server/page-guard';
import { AdminNav } from '../../_shell/admin-nav';
import { NAV_HREF } from '../../_shell/nav-links';
import { ClientMessages } from '@/i18n/client-messages-provider';

/**
 * Every /admin page: the administration's navigation (for admins; managers see their one admin
 * page, Analytics; the pages guard themselves).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('nav');
  const user = await getPageUser();
  return (
    <ClientMessages scope="admin">
      {user?.role === 'admin' ? (
        <AdminNav
          label={t('adminLabel')}
          links={[
            { href: '/admin/users', label: t('admin') },
            { href: '/admin/audit', label: t('audit') },
            { href: '/admin/security', label: t('security') },
            { href: '/admin/email/outbox', label: t('outbox') },
            { href: '/admin/email-setup', label: t('emailSetup') },
            { href: NAV_HREF.analytics, label: t('analytics') },
          ]}
        />
      ) : user?.role === 'manager' ? (
        <AdminNav label={t('adminLabel')} links={[{ href: NAV_HREF.analytics, label: t('analytics') }]} />
      ) : null}
      {children}
    </ClientMessages>
  );
}
