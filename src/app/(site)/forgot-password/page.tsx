import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('forgotTitle') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <AuthCard title={t('forgotTitle')} lead={t('forgotLead')}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
