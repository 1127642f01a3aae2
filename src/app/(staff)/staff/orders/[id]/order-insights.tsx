import { getDb } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import type { SessionUser } from '@/server/http/app';
import { getModelInsights, insightsShopForOrder } from '@/features/insights/server';
import { ModelInsightsPanel, ModelInsightsPanelError } from '@/features/insights/components';

/**
 * The order's model at its shop (or the viewer's own shop), read while the rest of the page
 * streams (the page wraps it in Suspense); a failure shows a notice, never a broken order page.
 */
export async function OrderInsights({
  modelSlug,
  orderShopSlug,
  viewer,
}: {
  modelSlug: string;
  orderShopSlug: string | null;
  viewer: SessionUser;
}) {
  const insights = await getModelInsights(await getDb(), {
    modelSlug,
    shopId: insightsShopForOrder(viewer, orderShopSlug),
  }).catch((err: unknown) => {
    logger.warn({ err, modelSlug }, 'order page insights failed');
    return null;
  });
  return insights ? <ModelInsightsPanel insights={insights} /> : <ModelInsightsPanelError />;
}
