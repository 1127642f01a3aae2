import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { AcceptInviteForm } from '@/features/auth/components/accept-invite-form';

export async function generateMetadata() {
  return { title: (await getTranslations('staffInvites'))('acceptTitle'), robots: { index: false } };
}

export default async function AcceptInvitePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('staffInvites');
  return (
    <AuthCard title={t('acceptTitle')}>
      <AcceptInviteForm token={typeof token === 'string' && token.length < 200 ? token : null} />
    </AuthCard>
  );
}
