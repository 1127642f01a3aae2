'use client';
/**
 * The smart install prompt: "Install the app" once the person has shown real interest (see
 * install-rules.ts), with the browser's own install dialog where it offers one
 * (beforeinstallprompt) and the Share-menu instructions on iPhone and iPad. Shown, accepted,
 * dismissed and installed go to the analytics tracker (install_prompt, app_installed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Download, Share, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { track } from '@/features/analytics/components';
import { ENGAGED_EVENT } from './engagement';
import {
  STORAGE_KEY,
  isIosSafari,
  parseState,
  recordDismissal,
  recordEngagement,
  recordInstalled,
  recordPageView,
  shouldOfferInstall,
  triggerOf,
  type InstallState,
} from './install-rules';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform?: string }>;
}

/** Pages that show one repair: visiting one is "a tracked repair". */
const TRACKED = /^\/(track|account\/repairs)\/[^/]+\/?$/;

function load(): InstallState {
  try {
    return parseState(localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseState(null);
  }
}

function store(state: InstallState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // storage unavailable: the prompt works for this page only
  }
}

function isStandalone(): boolean {
  return (
    window.matchMedia('(display-mode: standalone)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

/** What the prompt renders from: the stored record and the facts read from the browser with it. */
interface Snapshot {
  state: InstallState;
  now: number;
  standalone: boolean;
  ios: boolean;
}

function snapshotOf(state: InstallState): Snapshot {
  return {
    state,
    now: Date.now(),
    standalone: isStandalone(),
    ios: isIosSafari(navigator.userAgent, navigator.maxTouchPoints),
  };
}

export function InstallPrompt() {
  const t = useTranslations('pwa.install');
  const pathname = usePathname();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [deferred, setDeferred] = useState<BeforeInstallPromptEvent | null>(null);
  const [closed, setClosed] = useState(false);
  const shownRecorded = useRef(false);

  const update = useCallback((change: (s: InstallState) => InstallState) => {
    const next = change(load());
    store(next);
    setSnapshot(snapshotOf(next));
  }, []);

  // every page view counts (the layout stays mounted across client-side navigation)
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage is readable only after mount
    update((s) => {
      let next = recordPageView(s, Date.now());
      if (TRACKED.test(pathname)) next = recordEngagement(next, 'tracked');
      if (isStandalone()) next = recordInstalled(next);
      return next;
    });
  }, [pathname, update]);

  useEffect(() => {
    const onPrompt = (event: Event) => {
      event.preventDefault(); // we choose the moment, not the browser's mini-infobar
      setDeferred(event as BeforeInstallPromptEvent);
      setSnapshot(snapshotOf(load()));
    };
    const onInstalled = () => {
      update(recordInstalled);
      setDeferred(null);
      track('app_installed');
    };
    const onEngaged = () => setSnapshot(snapshotOf(load()));
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    window.addEventListener(ENGAGED_EVENT, onEngaged);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
      window.removeEventListener(ENGAGED_EVENT, onEngaged);
    };
  }, [update]);

  const platform = deferred ? 'prompt' : snapshot?.ios ? 'ios' : null;
  const offer =
    !closed &&
    !!snapshot &&
    !!platform &&
    shouldOfferInstall(snapshot.state, snapshot.now, { standalone: snapshot.standalone });
  const trigger = snapshot ? triggerOf(snapshot.state) : null;

  useEffect(() => {
    if (offer && platform && !shownRecorded.current) {
      shownRecorded.current = true;
      track('install_prompt', { outcome: 'shown', trigger, platform });
    }
  }, [offer, platform, trigger]);

  if (!offer) return null;

  const dismiss = () => {
    update((s) => recordDismissal(s, Date.now()));
    setClosed(true);
    track('install_prompt', { outcome: 'dismissed', trigger, platform });
  };

  const install = async () => {
    if (!deferred) return;
    setClosed(true);
    await deferred.prompt();
    const { outcome } = await deferred.userChoice;
    setDeferred(null);
    if (outcome === 'accepted') {
      update(recordInstalled);
      track('install_prompt', { outcome: 'accepted', trigger, platform });
    } else {
      update((s) => recordDismissal(s, Date.now()));
      track('install_prompt', { outcome: 'dismissed', trigger, platform, via: 'browser' });
    }
  };

  return (
    <section
      aria-labelledby="install-prompt-title"
      data-testid="install-prompt"
      className="fixed inset-x-3 bottom-[calc(0.75rem+var(--bottom-nav-height,0px))] z-40 mx-auto max-w-md rounded-xl border border-slate-200 bg-white p-4 shadow-lg sm:inset-x-auto sm:left-4"
    >
      <div className="flex items-start gap-3">
        <Download aria-hidden className="mt-0.5 size-5 shrink-0 text-brand" />
        <div className="min-w-0 flex-1">
          <h2 id="install-prompt-title" className="font-semibold text-slate-900">
            {t('title')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('lead')}</p>
          {platform === 'ios' && (
            <p className="mt-2 text-sm text-slate-700" data-testid="install-ios-steps">
              {t.rich('iosSteps', {
                share: (chunks) => (
                  <strong className="inline-flex items-center gap-1">
                    <Share aria-hidden className="size-4" />
                    {chunks}
                  </strong>
                ),
                add: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
          )}
        </div>
        <button
          type="button"
          onClick={dismiss}
          aria-label={t('close')}
          className="-m-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        >
          <X aria-hidden className="size-5" />
        </button>
      </div>
      <div className="mt-3 flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={dismiss} data-testid="install-dismiss">
          {platform === 'ios' ? t('gotIt') : t('notNow')}
        </Button>
        {platform === 'prompt' && (
          <Button size="sm" onClick={() => void install()} data-testid="install-accept">
            {t('install')}
          </Button>
        )}
      </div>
    </section>
  );
}
