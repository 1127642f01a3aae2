/** Payment e-mails: the receipt (its invoice PDF is attached by the sender). */
import { ButtonLink, H1, lines, P, Summary } from './layout';
import type { TemplateFn } from './types';

export const paymentReceipt: TemplateFn<'payment-receipt'> = (d, b) => ({
  subject: `Payment received: ${d.amount} for repair ${d.reference}`,
  body: (
    <>
      <H1>Thank you for your payment</H1>
      <P>Hello {d.name},</P>
      <P>
        We have received your payment of <strong>{d.amount}</strong> for repair {d.reference}. Your invoice is
        attached to this e-mail as a PDF.
      </P>
      <Summary
        rows={[
          ['Amount paid', d.amount],
          ['Paid by', d.method],
          ['Date', d.paidOn],
          ['Invoice', d.invoiceNumber],
          ['Repair', `${d.reference} (${d.deviceName})`],
          ['Still to pay', d.balanceDue ?? 'Nothing: your repair is paid in full'],
        ]}
      />
      {d.balanceDue ? (
        <P>
          The remaining {d.balanceDue} can be paid online from your tracking page or when you collect your
          device.
        </P>
      ) : null}
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        Follow your repair
      </ButtonLink>
      <P style={{ color: '#64748b', fontSize: 14 }}>
        Keep this e-mail and the attached invoice {d.invoiceNumber} for your records.
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `Thank you for your payment to ${b.shopName}. We have received ${d.amount} for repair ${d.reference}.`,
    'Your invoice is attached to this e-mail as a PDF.',
    '',
    `Amount paid: ${d.amount}`,
    `Paid by: ${d.method}`,
    `Date: ${d.paidOn}`,
    `Invoice: ${d.invoiceNumber}`,
    `Repair: ${d.reference} (${d.deviceName})`,
    `Still to pay: ${d.balanceDue ?? 'nothing, your repair is paid in full'}`,
    d.balanceDue && '',
    d.balanceDue &&
      `The remaining ${d.balanceDue} can be paid online from your tracking page or when you collect your device.`,
    '',
    'Follow your repair:',
    d.trackingUrl,
  ),
});
