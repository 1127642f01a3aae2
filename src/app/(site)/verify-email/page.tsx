import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { VerifyEmail } from '@/features/auth/components/verify-email';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('verify.title'), robots: { index: false } };
}

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations('auth');
  return (
    <AuthCard title={t('verify.title')}>
      <VerifyEmail token={typeof token === 'string' && token.length < 2000 ? token : null} />
    </AuthCard>
  );
}
