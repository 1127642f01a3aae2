/**
 * A notice by e-mail to some accounts (those who chose e-mail for its kind: the caller asked
 * their preferences), queued in the caller's transaction, once per person and `dedupeKey`.
 * Disabled accounts get nothing.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import { publicBaseUrl } from '@/server/http/base-url';
import { sendTemplate } from './send-template';

export interface NoticeEmail {
  userIds: readonly string[];
  title: string;
  body: string;
  /** a path on this site */
  path: string;
  /** the same notice is e-mailed once per person: `<dedupeKey>:<userId>` */
  dedupeKey: string;
  /**
   * the names and addresses of (at least) `userIds`, when the caller has just read them from
   * active accounts in this transaction: saves a second read of `user`
   */
  people?: ReadonlyArray<{ id: string; name: string; email: string }>;
}

export async function sendNoticeEmails(tx: Db, input: NoticeEmail): Promise<number> {
  if (input.userIds.length === 0) return 0;
  const wanted = new Set(input.userIds);
  const people = input.people
    ? input.people.filter((p) => wanted.has(p.id))
    : await tx
        .select({ id: user.id, name: user.name, email: user.email })
        .from(user)
        .where(and(inArray(user.id, [...input.userIds]), isNull(user.disabledAt)));
  let sent = 0;
  for (const p of people) {
    const row = await sendTemplate(tx, {
      to: p.email,
      template: 'notice',
      data: { name: p.name, title: input.title, body: input.body, url: `${publicBaseUrl()}${input.path}` },
      dedupeKey: `${input.dedupeKey}:${p.id}`,
    });
    if (row) sent += 1;
  }
  return sent;
}
