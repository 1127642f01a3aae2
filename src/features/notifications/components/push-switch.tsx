'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Bell, BellOff } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { disablePush, enablePush, watchPushState, type PushState } from './push-client';

/**
 * Push on this device: a line saying where things stand (aria-live) and one button. Permission
 * is asked only when the button is clicked, never on page load. `purpose` picks the wording:
 * the settings panels, or "tell me when my repair is ready" after a booking.
 */
export function PushSwitch({ purpose = 'settings' }: { purpose?: 'settings' | 'booking' }) {
  const t = useTranslations('notificationSettings');
  const [state, setState] = useState<PushState | 'checking'>('checking');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  // the state now, and again once the service worker is ready (it registers after the page loads)
  useEffect(() => watchPushState(setState), []);

  const toggle = async () => {
    setBusy(true);
    setFailed(false);
    try {
      setState(state === 'on' ? await disablePush() : await enablePush());
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const canToggle = state === 'on' || state === 'off';
  const line = failed ? t('push.failed') : state === 'checking' ? '' : t(`push.state.${state}`);
  return (
    <div
      className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between"
      data-testid="push-switch"
    >
      <p
        role="status"
        aria-live="polite"
        className="flex items-start gap-2 text-sm text-slate-800"
        data-testid="push-status"
        data-state={state}
      >
        {state === 'on' ? (
          <Bell className="mt-0.5 size-4 shrink-0 text-emerald-700" aria-hidden />
        ) : (
          <BellOff className="mt-0.5 size-4 shrink-0 text-slate-500" aria-hidden />
        )}
        <span>{line}</span>
      </p>
      {canToggle ? (
        <Button
          type="button"
          variant={state === 'on' ? 'secondary' : 'primary'}
          size="sm"
          loading={busy}
          disabled={busy}
          onClick={toggle}
          className="shrink-0"
          data-testid="push-toggle"
        >
          {state === 'on' ? t('push.turnOff') : purpose === 'booking' ? t('push.tellMe') : t('push.turnOn')}
        </Button>
      ) : null}
    </div>
  );
}
