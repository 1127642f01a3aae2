import type { PullToRefreshLabels } from '@/components/device/pull-to-refresh';

type Translate = (key: 'button' | 'label' | 'pull' | 'release' | 'refreshing' | 'done') => string;

/** The pull-to-refresh texts (messages `queueCards.refresh`), for the queue and My repairs. */
export function refreshLabels(t: Translate): PullToRefreshLabels {
  return {
    button: t('button'),
    label: t('label'),
    pull: t('pull'),
    release: t('release'),
    refreshing: t('refreshing'),
    done: t('done'),
  };
}
