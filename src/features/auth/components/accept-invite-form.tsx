'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import useSWR from 'swr';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { authClient as api } from './api-client';
import { authFetch } from './auth-fetch';

/** The invitee's page: shows the invitation, takes a name and password, then signs in. */
export function AcceptInviteForm({ token }: { token: string | null }) {
  const t = useTranslations('staffInvites');
  const tAdmin = useTranslations('admin');
  const router = useRouter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data, error, isLoading } = useSWR(token ? ['invite', token] : null, async () => {
    const res = await api.invitations.preview.$post({ json: { token: token! } });
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return res.json();
  });

  if (!token || error) {
    return (
      <p role="alert" className="text-red-800" data-testid="invite-invalid">
        {t('invalid')}
      </p>
    );
  }
  if (isLoading || !data) return <p role="status">{t('loading')}</p>;
  const invite = data;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setSummary(null);
    const res = await api.invitations.accept.$post({ json: { token: token!, name, password } });
    if (!res.ok) {
      setBusy(false);
      const p = await readProblem(res);
      setErrors(Object.fromEntries((p.errors ?? []).map((fe) => [fe.path, fe.message])));
      setSummary(p.errors?.length ? null : p.detail);
      return;
    }
    const signedIn = await authFetch('/sign-in/email', { email: invite.email, password });
    router.push(signedIn.ok ? '/staff' : '/sign-in');
  }

  const role = tAdmin(`roles.${invite.role}`);
  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="accept-invite-form">
      <p className="text-slate-800">
        {invite.shopName ? t('acceptLead', { role, shop: invite.shopName }) : t('acceptLeadNoShop', { role })}
      </p>
      <p className="break-all font-medium">{invite.email}</p>
      {invite.existingAccount ? <p className="text-sm text-slate-700">{t('existingAccount')}</p> : null}
      <Field id="invite-name" label={t('name')} error={errors.name} required>
        <Input
          id="invite-name"
          autoComplete="name"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'invite-name-error' : undefined}
          data-testid="invite-name"
        />
      </Field>
      <Field id="invite-password" label={t('password')} error={errors.password} required>
        <Input
          id="invite-password"
          type="password"
          autoComplete="new-password"
          value={password}
          maxLength={128}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? 'invite-password-error' : undefined}
          data-testid="invite-password"
        />
      </Field>
      {summary ? (
        <p role="alert" className="text-red-800">
          {summary}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={busy} data-testid="invite-accept">
        {t('accept')}
      </Button>
    </form>
  );
}
