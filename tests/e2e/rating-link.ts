/**
 * A collected repair and its rating link, made as the shop would: a drop-off booked through the
 * public API, then moved along to `collected` by the London manager (the real status changes),
 * and the link read from the rating request in the outbox.
 */
import { expect, request } from '@playwright/test';
import { bookDropOff, latestMail, uniqueEmail } from './helpers';
import { adminApi, apiAs } from './users';

export interface RatedRepair {
  reference: string;
  /** the page path of the signed link, /rate/<token> */
  ratePath: string;
}

export async function collectedRepairWithRatingLink(baseURL: string, tag = 'rater'): Promise<RatedRepair> {
  const email = uniqueEmail(tag);
  const guest = await request.newContext({ baseURL });
  const booked = await bookDropOff<{ reference: string }>(guest, {
    modelSlug: 'iphone-15',
    repairSlugs: ['screen-crack'],
    urgency: 'standard',
    customer: { name: 'Rita Rater', email },
    paymentMethod: 'collection',
  });
  await guest.dispose();
  const manager = await apiAs(baseURL, 'manager');
  const steps: Array<Record<string, string>> = [
    { to: 'received' },
    { to: 'diagnosing' },
    { to: 'repairing' },
    { to: 'quality_check' },
    { to: 'ready_for_collection', qcNote: 'Screen tested, touch fine.' },
    { to: 'collected' },
  ];
  for (const step of steps) {
    const res = await manager.post(`/api/staff/orders/${booked.reference}/status`, { data: step });
    expect(res.status(), `${step.to}: ${await res.text()}`).toBe(200);
  }
  await manager.dispose();
  const admin = await adminApi(baseURL);
  const mail = await latestMail(admin, email, 'rating-request');
  await admin.dispose();
  const match = mail.text.match(/https?:\/\/[^\s"<>]+(\/rate\/[A-Za-z0-9_.-]+)/);
  expect(match, `a /rate/ link in:\n${mail.text}`).not.toBeNull();
  return { reference: booked.reference, ratePath: match![1]! };
}
