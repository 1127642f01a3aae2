'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { readProblem } from '@/components/api-problem';
import { emailClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/input';
import { SMTP_PRESET_NAMES, SMTP_PRESETS, type SmtpPreset } from '../presets';
import type { SmtpCheckResult, SmtpSettings, SmtpSettingsInput } from '../schemas';

type Security = 'tls' | 'starttls' | 'none';
interface FormState {
  preset: SmtpPreset;
  host: string;
  port: string;
  security: Security;
  username: string;
  password: string;
  fromName: string;
  fromAddress: string;
}

function initialState(s: SmtpSettings, shopName: string): FormState {
  return {
    preset: s.preset ?? 'custom',
    host: s.host ?? '',
    port: s.port ? String(s.port) : '587',
    security: s.security ?? 'starttls',
    username: s.username ?? '',
    password: '',
    fromName: s.fromName ?? shopName,
    fromAddress: s.fromAddress ?? '',
  };
}

function toInput(f: FormState): SmtpSettingsInput {
  const port = Number(f.port);
  return {
    preset: f.preset,
    host: f.host.trim() || undefined,
    port: f.port.trim() === '' || Number.isNaN(port) ? undefined : port,
    security: f.security,
    username: f.username.trim() || undefined,
    password: f.password || undefined,
    fromName: f.fromName,
    fromAddress: f.fromAddress,
  };
}

function ResultBox({ result }: { result: SmtpCheckResult }) {
  const t = useTranslations('email.setup');
  return (
    <div
      role="status"
      className={`rounded-lg border p-3 text-sm ${result.ok ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-red-300 bg-red-50 text-red-900'}`}
    >
      <p className="font-semibold">{result.ok ? t('ok') : t('failed')}</p>
      <p>
        {t('serverAnswer')}: <span className="font-mono break-words">{result.message}</span>
      </p>
    </div>
  );
}

/** SMTP settings with presets, save, "Test connection" and "Send test e-mail". */
export function SmtpSetupForm({ settings, shopName }: { settings: SmtpSettings; shopName: string }) {
  const t = useTranslations('email.setup');
  const [form, setForm] = useState(() => initialState(settings, shopName));
  const [saved, setSaved] = useState(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | 'send' | null>(null);
  const [check, setCheck] = useState<SmtpCheckResult | null>(null);
  const [testTo, setTestTo] = useState('');

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  function choosePreset(preset: SmtpPreset) {
    const p = SMTP_PRESETS[preset];
    setForm((f) =>
      p
        ? {
            ...f,
            preset,
            host: p.host,
            port: String(p.port),
            security: p.security,
            username: p.username ?? f.username,
          }
        : { ...f, preset },
    );
  }

  async function handleProblem(res: Response) {
    const problem = await readProblem(res);
    setErrors(
      Object.fromEntries((problem.errors ?? []).map((e) => [e.path.replace(/^settings\./, ''), e.message])),
    );
    setNotice(problem.errors?.length ? t('fixErrors') : t('requestFailed', { detail: problem.detail }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy('save');
    setNotice(null);
    setCheck(null);
    try {
      const res = await api.email.configure.$post({ json: toInput(form) });
      if (!res.ok) return await handleProblem(res);
      setErrors({});
      setSaved(await res.json());
      setForm((f) => ({ ...f, password: '' }));
      setNotice(t('saved'));
    } finally {
      setBusy(null);
    }
  }

  async function testConnection() {
    setBusy('test');
    setNotice(null);
    setCheck(null);
    try {
      const res = await api.email['test-connection'].$post({ json: { settings: toInput(form) } });
      if (!res.ok) return await handleProblem(res);
      setErrors({});
      setCheck(await res.json());
    } finally {
      setBusy(null);
    }
  }

  async function sendTest() {
    setBusy('send');
    setNotice(null);
    setCheck(null);
    try {
      const res = await api.email['send-test'].$post({ json: { to: testTo } });
      if (!res.ok) return await handleProblem(res);
      setErrors({});
      setCheck(await res.json());
    } finally {
      setBusy(null);
    }
  }

  const field = (key: keyof FormState) => ({
    id: `smtp-${key}`,
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `smtp-${key}-error` : undefined,
  });

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700" role="status">
        {saved.configured ? t('status.configured') : t('status.notConfigured')}
      </p>
      <Card>
        <form onSubmit={save} className="space-y-4" noValidate>
          <Field id="smtp-preset" label={t('preset')} hint={t(`presetHint.${form.preset}`)}>
            <Select
              id="smtp-preset"
              value={form.preset}
              onChange={(e) => choosePreset(e.target.value as SmtpPreset)}
              aria-describedby="smtp-preset-hint"
            >
              {SMTP_PRESET_NAMES.map((p) => (
                <option key={p} value={p}>
                  {t(`presets.${p}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
            <Field id="smtp-host" label={t('host')} error={errors.host} required>
              <Input
                {...field('host')}
                value={form.host}
                onChange={(e) => set('host', e.target.value)}
                autoComplete="off"
              />
            </Field>
            <Field id="smtp-port" label={t('port')} error={errors.port} required>
              <Input
                {...field('port')}
                inputMode="numeric"
                value={form.port}
                onChange={(e) => set('port', e.target.value)}
              />
            </Field>
          </div>
          <Field id="smtp-security" label={t('security')} error={errors.security}>
            <Select
              {...field('security')}
              value={form.security}
              onChange={(e) => set('security', e.target.value as Security)}
            >
              {(['starttls', 'tls', 'none'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`securityOptions.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="smtp-username" label={t('username')} error={errors.username}>
              <Input
                {...field('username')}
                value={form.username}
                onChange={(e) => set('username', e.target.value)}
                autoComplete="off"
              />
            </Field>
            <Field
              id="smtp-password"
              label={t('password')}
              hint={saved.hasPassword ? t('passwordKept') : undefined}
              error={errors.password}
            >
              <Input
                {...field('password')}
                type="password"
                value={form.password}
                onChange={(e) => set('password', e.target.value)}
                autoComplete="new-password"
              />
            </Field>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="smtp-fromName" label={t('fromName')} error={errors.fromName} required>
              <Input
                {...field('fromName')}
                value={form.fromName}
                onChange={(e) => set('fromName', e.target.value)}
              />
            </Field>
            <Field id="smtp-fromAddress" label={t('fromAddress')} error={errors.fromAddress} required>
              <Input
                {...field('fromAddress')}
                type="email"
                value={form.fromAddress}
                onChange={(e) => set('fromAddress', e.target.value)}
              />
            </Field>
          </div>
          {notice ? (
            <p role="alert" className="text-sm font-medium text-slate-800">
              {notice}
            </p>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" loading={busy === 'save'} disabled={busy !== null}>
              {t('save')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              loading={busy === 'test'}
              disabled={busy !== null}
              onClick={testConnection}
            >
              {t('testConnection')}
            </Button>
          </div>
        </form>
      </Card>
      <Card className="space-y-4">
        <Field id="smtp-test-to" label={t('testTo')} error={errors.to}>
          <Input
            id="smtp-test-to"
            type="email"
            value={testTo}
            onChange={(e) => setTestTo(e.target.value)}
            aria-invalid={errors.to ? true : undefined}
          />
        </Field>
        <Button
          type="button"
          variant="secondary"
          loading={busy === 'send'}
          disabled={busy !== null || !saved.configured}
          onClick={sendTest}
        >
          {t('sendTest')}
        </Button>
      </Card>
      {check ? <ResultBox result={check} /> : null}
    </div>
  );
}
