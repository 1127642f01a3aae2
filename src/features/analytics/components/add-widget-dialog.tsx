'use client';
import { useTranslations } from 'next-intl';
import { Dialog } from '@/components/ui/dialog';
import { METRIC_IDS, type MetricId } from '../metrics';
import { useMetricLabels } from './labels';

/** Lists every metric by title and description; choosing one adds it (buttons: keyboard usable). */
export function AddWidgetDialog({
  open,
  onOpenChange,
  onAdd,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAdd: (metric: MetricId) => void;
}) {
  const t = useTranslations('analytics.dashboard');
  const labels = useMetricLabels();
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('addTitle')}
      description={t('addLead')}
      closeLabel={t('close')}
      wide
    >
      <ul className="grid gap-2 sm:grid-cols-2">
        {METRIC_IDS.map((id) => (
          <li key={id}>
            <button
              type="button"
              data-testid={`add-${id}`}
              onClick={() => onAdd(id)}
              className="flex min-h-11 w-full flex-col items-start rounded-lg border border-slate-200 p-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand"
            >
              <span className="font-medium">{labels.title(id)}</span>
              {labels.description(id) ? (
                <span className="text-sm text-slate-600">{labels.description(id)}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
