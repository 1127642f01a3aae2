'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CHANNELS, type Channel } from '../notice-kinds';
import type { PreferenceList } from '../preference-schemas';
import { notificationsClient } from './api-client';
import { PushSwitch } from './push-switch';

/**
 * Notification settings (My account and the console): push on this device, then for each kind
 * of notice a switch per channel. Each change is saved at once; the status line says so.
 */
export function NotificationSettings({ initial }: { initial: PreferenceList }) {
  const t = useTranslations('notificationSettings');
  const [items, setItems] = useState(initial.items);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');

  const change = async (kind: string, channel: Channel, enabled: boolean) => {
    const before = items;
    setItems((list) =>
      list.map((i) => (i.kind === kind ? { ...i, channels: { ...i.channels, [channel]: enabled } } : i)),
    );
    setStatus('saving');
    try {
      const res = await notificationsClient.notifications.preferences.$put({
        json: {
          items: [
            { kind: kind as PreferenceList['items'][number]['kind'], channels: { [channel]: enabled } },
          ],
        },
      });
      if (!res.ok) throw new Error(String(res.status));
      setItems((await res.json()).items);
      setStatus('saved');
    } catch {
      setItems(before);
      setStatus('failed');
    }
  };

  return (
    <div className="space-y-5" data-testid="notification-settings">
      <div className="rounded-xl border border-slate-200 bg-slate-50 p-4">
        <h3 className="font-semibold text-slate-900">{t('push.title')}</h3>
        <p className="mb-3 text-sm text-slate-700">{t('push.lead')}</p>
        <PushSwitch />
      </div>
      <div>
        <h3 className="font-semibold text-slate-900">{t('kindsTitle')}</h3>
        <p className="text-sm text-slate-700">{t('kindsLead')}</p>
        <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200">
          {items.map((item) => (
            <li key={item.kind} className="p-4" data-testid={`pref-${item.kind}`}>
              <fieldset>
                <legend className="font-medium text-slate-900">{t(`kinds.${item.kind}`)}</legend>
                <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
                  {CHANNELS.map((channel) => {
                    const id = `pref-${item.kind}-${channel}`;
                    return (
                      <label
                        key={channel}
                        htmlFor={id}
                        className="flex min-h-11 items-center gap-2 text-slate-800"
                      >
                        <input
                          id={id}
                          type="checkbox"
                          className="size-5 accent-brand"
                          checked={item.channels[channel]}
                          onChange={(e) => void change(item.kind, channel, e.target.checked)}
                          data-testid={id}
                        />
                        {t(`channels.${channel}`)}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            </li>
          ))}
        </ul>
        <p
          role="status"
          aria-live="polite"
          className="mt-2 min-h-5 text-sm text-slate-700"
          data-testid="prefs-status"
        >
          {status === 'idle' ? '' : t(`save.${status}`)}
        </p>
      </div>
    </div>
  );
}
