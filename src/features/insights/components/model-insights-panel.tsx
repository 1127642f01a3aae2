import { useTranslations } from 'next-intl';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { ModelInsights } from '../schemas';
import { InsightFigures } from './insight-figures';

const HEADING = 'order-insights-heading';

function Frame({ children, subtitle }: { children: React.ReactNode; subtitle?: string }) {
  const t = useTranslations('insights');
  return (
    <Card role="region" aria-labelledby={HEADING} data-testid="order-insights">
      <h2 id={HEADING} className="text-lg font-semibold">
        {t('panelTitle')}
      </h2>
      {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
      <div className="mt-3">{children}</div>
    </Card>
  );
}

/** The order page's panel: the order's model at the shop, from its own history. */
export function ModelInsightsPanel({ insights }: { insights: ModelInsights }) {
  const t = useTranslations('insights');
  const model = `${insights.model.brandName} ${insights.model.name}`.trim();
  return (
    <Frame
      subtitle={
        insights.shop ? t('scopeShop', { model, shop: insights.shop.name }) : t('scopeAll', { model })
      }
    >
      <InsightFigures insights={insights} />
    </Frame>
  );
}

/** While the figures load. */
export function ModelInsightsPanelLoading() {
  const t = useTranslations('insights');
  return (
    <Frame>
      <p role="status" className="sr-only">
        {t('loading')}
      </p>
      <div className="space-y-3">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-5/6" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    </Frame>
  );
}

/** When the figures could not be read (the order page itself still works). */
export function ModelInsightsPanelError() {
  const t = useTranslations('insights');
  return (
    <Frame>
      <p role="alert" className="text-slate-700" data-testid="insights-unavailable">
        {t('unavailable')}
      </p>
    </Frame>
  );
}
