import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { SignUpForm } from '@/features/auth/components/sign-up-form';
import { getPageUser } from '@/features/auth/server/page-guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('createAccount') };
}

export default async function SignUpPage() {
  if (await getPageUser()) redirect('/account');
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('createAccount')}
      lead={t('signUpLead')}
      footer={
        <>
          {t('haveAccount')}{' '}
          <Link href="/sign-in" className="font-medium text-brand underline underline-offset-4">
            {t('signIn')}
          </Link>
        </>
      }
    >
      <SignUpForm />
    </AuthCard>
  );
}
