import { H1, lines, P } from './layout';
import type { TemplateFn } from './types';

export const smtpTest: TemplateFn<'smtp-test'> = (d, b) => ({
  subject: `Test e-mail from ${b.shopName}`,
  body: (
    <>
      <H1>Your e-mail settings work</H1>
      <P>
        This test e-mail was sent by {b.shopName} on {d.sentAt}.
      </P>
      <P>Customers will receive booking confirmations, reminders and account e-mails this way.</P>
    </>
  ),
  text: lines(
    `This test e-mail was sent by ${b.shopName} on ${d.sentAt}.`,
    '',
    'Customers will receive booking confirmations, reminders and account e-mails this way.',
  ),
});
