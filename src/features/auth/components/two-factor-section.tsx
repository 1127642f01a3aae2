'use client';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { CheckCircle2, KeyRound, ShieldAlert, ShieldCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { authFetch } from './auth-fetch';
import { BackupCodes } from './backup-codes';
import { ConfirmPasswordForm, useAuthErrorText } from './confirm-password';
import { TwoFactorSetup } from './two-factor-setup';

/**
 * The account's two-factor authentication: the set-up when it is off; when on, its status,
 * new backup codes, and turning it off (not for staff when the shop requires it).
 */
export function TwoFactorSection({
  enabled,
  canTurnOff,
  email,
  shopName,
  continueTo,
}: {
  enabled: boolean;
  /** false for staff when STAFF_TWO_FACTOR=required */
  canTurnOff: boolean;
  email: string;
  shopName: string;
  /** the forced set-up: where to go once it is done */
  continueTo: string | null;
}) {
  const t = useTranslations('accountSecurity');
  const router = useRouter();
  const errorText = useAuthErrorText();
  const [on, setOn] = useState(enabled);
  // on as soon as the first code is verified, while the set-up still shows the backup codes
  const [verified, setVerified] = useState(false);
  const active = on || verified;
  const [notice, setNotice] = useState<string | null>(null);
  const [regenerate, setRegenerate] = useState<'closed' | 'password' | string[]>('closed');
  const [confirmOff, setConfirmOff] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);

  function announce(text: string) {
    setNotice(text);
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  async function generateCodes(password: string): Promise<string | null> {
    const res = await authFetch<{ backupCodes: string[] }>('/two-factor/generate-backup-codes', { password });
    if (!res.ok || !res.data) return errorText(res);
    setRegenerate(res.data.backupCodes);
    return null;
  }

  async function turnOff(password: string): Promise<string | null> {
    const res = await authFetch('/two-factor/disable', { password });
    if (!res.ok) return errorText(res);
    setConfirmOff(false);
    setOn(false);
    setVerified(false);
    setRegenerate('closed');
    announce(t('turnedOff'));
    router.refresh();
    return null;
  }

  return (
    <Card data-testid="two-factor-section">
      <section aria-labelledby="two-factor-title">
        <div className="flex items-start gap-3">
          {active ? (
            <ShieldCheck className="mt-1 size-6 shrink-0 text-emerald-700" aria-hidden />
          ) : (
            <ShieldAlert className="mt-1 size-6 shrink-0 text-amber-700" aria-hidden />
          )}
          <div className="min-w-0 flex-1">
            <h2 id="two-factor-title" className="text-xl font-semibold">
              {t('twoFactorTitle')}
            </h2>
            <p className="mt-1 text-slate-700">{t('twoFactorLead')}</p>
          </div>
          <span
            className={`shrink-0 rounded-full px-3 py-1 text-sm font-semibold ${
              active ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-100 text-slate-800'
            }`}
            data-testid="two-factor-status"
            data-enabled={active}
          >
            {active ? t('statusOn') : t('statusOff')}
          </span>
        </div>

        <p
          ref={statusRef}
          tabIndex={-1}
          role="status"
          className={
            notice
              ? 'mt-4 flex items-center gap-2 rounded-lg bg-emerald-50 p-3 font-medium text-emerald-900 outline-none'
              : 'sr-only'
          }
          data-testid="two-factor-notice"
        >
          {notice ? <CheckCircle2 className="size-5 shrink-0" aria-hidden /> : null}
          {notice}
        </p>

        <div className="mt-6 border-t border-slate-200 pt-6">
          {!on ? (
            <TwoFactorSetup
              email={email}
              shopName={shopName}
              onVerified={() => setVerified(true)}
              onEnabled={() => {
                setOn(true);
                if (continueTo) {
                  router.push(continueTo);
                  router.refresh();
                  return;
                }
                announce(t('turnedOn'));
                router.refresh();
              }}
            />
          ) : (
            <div className="space-y-6">
              <div>
                <h3 className="flex items-center gap-2 text-lg font-semibold">
                  <KeyRound className="size-5 text-slate-600" aria-hidden /> {t('backupTitle')}
                </h3>
                <p className="mt-1 text-slate-700">{t('backupLead')}</p>
                <div className="mt-3">
                  {regenerate === 'closed' ? (
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => setRegenerate('password')}
                      data-testid="regenerate-codes"
                    >
                      {t('regenerate')}
                    </Button>
                  ) : regenerate === 'password' ? (
                    <ConfirmPasswordForm
                      id="regenerate"
                      submitLabel={t('regenerateSubmit')}
                      onConfirm={generateCodes}
                      onCancel={() => setRegenerate('closed')}
                      focusOnMount
                    >
                      <p className="text-slate-700">{t('regenerateWarning')}</p>
                    </ConfirmPasswordForm>
                  ) : (
                    <div data-testid="regenerated-codes">
                      <p className="mb-3 font-medium text-slate-900">{t('regeneratedLead')}</p>
                      <BackupCodes codes={regenerate} email={email} shopName={shopName} />
                      <Button
                        type="button"
                        onClick={() => {
                          setRegenerate('closed');
                          announce(t('regeneratedDone'));
                        }}
                        data-testid="regenerated-done"
                      >
                        {t('saved')}
                      </Button>
                    </div>
                  )}
                </div>
              </div>

              <div>
                <h3 className="text-lg font-semibold">{t('turnOffTitle')}</h3>
                {canTurnOff ? (
                  <>
                    <p className="mt-1 text-slate-700">{t('turnOffLead')}</p>
                    <Button
                      type="button"
                      variant="secondary"
                      className="mt-3 text-red-700"
                      onClick={() => setConfirmOff(true)}
                      data-testid="turn-off-two-factor"
                    >
                      {t('turnOff')}
                    </Button>
                  </>
                ) : (
                  <p className="mt-1 text-slate-700" data-testid="turn-off-not-allowed">
                    {t('turnOffNotAllowed')}
                  </p>
                )}
              </div>
            </div>
          )}
        </div>
      </section>

      <Dialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title={t('turnOffDialogTitle')}
        description={t('turnOffDialogText')}
        closeLabel={t('close')}
      >
        <ConfirmPasswordForm
          id="turn-off"
          submitLabel={t('turnOffConfirm')}
          onConfirm={turnOff}
          onCancel={() => setConfirmOff(false)}
          danger
        />
      </Dialog>
    </Card>
  );
}
