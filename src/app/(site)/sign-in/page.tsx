import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/features/auth/components/auth-card';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { getPageUser } from '@/features/auth/server/page-guard';
import { safeNextPath } from '@/features/auth/safe-next';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('signIn') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getPageUser()) redirect(next);
  const t = await getTranslations('auth');
  return (
    <AuthCard
      title={t('signIn')}
      lead={t('signInLead')}
      footer={
        <>
          {t('noAccount')}{' '}
          <Link href="/sign-up" className="font-medium text-brand underline underline-offset-4">
            {t('createAccount')}
          </Link>
        </>
      }
    >
      <SignInForm next={next} />
    </AuthCard>
  );
}
