import { useFormatter, useTranslations } from 'next-intl';
import type { NextStepDto } from '@/features/repairs/schemas';

/** The sentence for a next step (see next-step.ts), times in the shop's time zone. */
export function NextStepText({ step, timeZone }: { step: NextStepDto; timeZone: string }) {
  const t = useTranslations('portal.nextStep');
  const format = useFormatter();
  const shop = step.shopName ?? 'none';
  switch (step.key) {
    case 'bring_device':
      return t('bring_device', {
        shop,
        when: step.slotStartsAt
          ? format.dateTime(new Date(step.slotStartsAt), {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
              hour: '2-digit',
              minute: '2-digit',
              timeZone,
            })
          : '',
      });
    case 'hand_over':
    case 'collect':
      return t(step.key, { shop });
    case 'collected':
      return t('collected', {
        warranty: step.warrantyEndsAt
          ? format.dateTime(new Date(step.warrantyEndsAt), { dateStyle: 'long', timeZone })
          : 'none',
      });
    default:
      return t(step.key);
  }
}
