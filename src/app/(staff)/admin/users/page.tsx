import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { AdminUsers } from '@/features/auth/components/admin-users';
import { StaffInvitations } from '@/features/auth/components/staff-invitations';
import { getDb } from '@/server/db/runtime';
import { listShopRows } from '@/features/shops/server/list-shops';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('usersTitle'), robots: { index: false } };
}

export default async function AdminUsersPage() {
  const me = await requirePageRole('admin', '/admin/users');
  const t = await getTranslations('admin');
  const shops = (await listShopRows(await getDb())).map((s) => ({ slug: s.slug, name: s.name }));
  return (
    <div className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="text-3xl font-bold">{t('usersTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('usersLead')}</p>
      <div className="mt-6">
        <StaffInvitations shops={shops} />
      </div>
      <div className="mt-6">
        <AdminUsers meId={me.id} shops={shops} />
      </div>
    </div>
  );
}
