import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('resetTitle'), robots: { index: false } };
}

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  return (
    <AuthCard title={t('resetTitle')}>
      <ResetPasswordForm token={typeof token === 'string' && token.length < 500 ? token : null} />
    </AuthCard>
  );
}
