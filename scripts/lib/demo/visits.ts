/**
 * Ratings (about 40% of collected orders answer the e-mail) and the booking funnel's tracker
 * events: each online booking's own visit through every step, plus visits that looked and
 * left (visit ids `demo-v…`), with the drop-off of a real booking form.
 */
import type { analyticsEvents, repairRatings } from '@/server/db/schema';
import type { Random } from './random';

type EventRow = typeof analyticsEvents.$inferInsert;
type RatingRow = typeof repairRatings.$inferInsert;

export const DEMO_VISIT_PREFIX = 'demo-v';
const STEPS = ['start', 'device', 'repairs', 'service', 'details', 'submit', 'booked'] as const;
/** chance of going on from the step before (start → device, device → repairs, …, submit → booked) */
const GO_ON = [0.68, 0.82, 0.7, 0.83, 0.9, 0.96];
const HOUR = 3_600_000;

const COMMENTS: Record<number, string[]> = {
  5: ['Fast and friendly, good as new.', 'Fixed the same day, brilliant.', 'Great service, will come back.'],
  4: ['Good repair, took a little longer than promised.', 'Happy with it, fair price.'],
  3: ['Repair fine but communication could be better.', 'OK, had to chase for an update.'],
  2: ['Took much longer than quoted.', 'Had to come back for the same problem.'],
  1: ['Very disappointed with the wait.', 'Device came back with a new fault.'],
};

export function addRating(
  rng: Random,
  plan: { ratings: RatingRow[] },
  r: { orderId: string; shopSlug: string | null; collectedAt: Date; late: boolean; pace: number; now: Date },
): void {
  if (!rng.chance(0.4)) return;
  const createdAt = new Date(r.collectedAt.getTime() + rng.skewed(20, 0.8) * HOUR);
  if (createdAt > r.now) return;
  const penalty = (r.late ? 1.2 : 0) + (r.pace - 1) * 1.5;
  const score = rng.weighted([
    [5, Math.max(5, 58 - penalty * 25)],
    [4, 27],
    [3, 8 + penalty * 6],
    [2, 4 + penalty * 4],
    [1, 3 + penalty * 2],
  ] as const);
  plan.ratings.push({
    id: rng.uuid(),
    orderId: r.orderId,
    shopSlug: r.shopSlug,
    score,
    comment: rng.chance(0.45) ? rng.pick(COMMENTS[score]!) : null,
    createdAt,
  });
}

export function addVisits(
  rng: Random,
  plan: { analytics: EventRow[] },
  v: { createdAt: Date; shopSlug: string | null; userId: string | null; now: Date },
): void {
  const id = () => `${DEMO_VISIT_PREFIX}${rng.uuid().slice(0, 18)}`;
  const push = (
    visitId: string,
    name: string,
    at: Date,
    props: EventRow['props'],
    path: string,
    userId: string | null,
  ) => {
    if (at > v.now) return;
    plan.analytics.push({
      name,
      visitId,
      userId,
      path,
      shopSlug: v.shopSlug,
      props,
      occurredAt: at,
      receivedAt: new Date(at.getTime() + rng.int(200, 4000)),
    });
  };
  const walk = (visitId: string, end: Date, reach: number, userId: string | null) => {
    // the steps are a minute or two apart, ending at `end`
    let t = end.getTime() - reach * rng.between(40, 120) * 1000 - 30_000;
    push(visitId, 'page_view', new Date(t - 20_000), {}, '/', userId);
    push(visitId, 'page_view', new Date(t), {}, '/book-repair', userId);
    for (let i = 0; i <= reach; i++) {
      push(visitId, 'funnel_step', new Date(t), { step: STEPS[i]! }, '/book-repair', userId);
      t += rng.between(40, 120) * 1000;
    }
    if (rng.chance(0.03))
      push(
        visitId,
        'install_prompt',
        new Date(t),
        { outcome: rng.pick(['shown', 'dismissed', 'accepted']) },
        '/book-repair',
        userId,
      );
  };

  // the booking's own visit: every step, `booked` when it was made
  walk(id(), v.createdAt, STEPS.length - 1, v.userId);
  // about 3 visits that left on the way for each booking (the product of GO_ON is ~0.3)
  const leavers = rng.poisson(2.3);
  for (let i = 0; i < leavers; i++) {
    let reach = 0;
    while (reach < STEPS.length - 2 && rng.chance(GO_ON[reach]!)) reach++;
    walk(id(), new Date(v.createdAt.getTime() + rng.between(-30, 30) * HOUR), reach, null);
  }
  // and one who only looked around
  if (rng.chance(0.7)) {
    const visitId = id();
    const t = new Date(v.createdAt.getTime() + rng.between(-48, 48) * HOUR);
    push(visitId, 'page_view', t, {}, '/', null);
    if (rng.chance(0.5)) push(visitId, 'page_view', new Date(t.getTime() + 40_000), {}, '/shops', null);
  }
}
