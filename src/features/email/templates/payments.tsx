/**
 * Payment e-mails: the receipt (its invoice PDF is attached by the sender), the credit note of a
 * refund (with the staff member's reason) and the cancellation of a booking (what is refunded).
 */
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

export const paymentRefunded: TemplateFn<'payment-refunded'> = (d, b) => ({
  subject: `Refund of ${d.amount} for repair ${d.reference}`,
  body: (
    <>
      <H1>We have refunded {d.amount}</H1>
      <P>Hello {d.name},</P>
      <P>
        {b.shopName} has refunded <strong>{d.amount}</strong> for repair {d.reference}. Keep this e-mail as
        your credit note.
      </P>
      <Summary
        rows={[
          ['Refunded', d.amount],
          ['Reason', d.reason],
          ['Refunded to', d.refundTo],
          ['Date', d.refundedOn],
          ['Repair', `${d.reference} (${d.deviceName})`],
          ['Refunded on this repair so far', d.totalRefunded],
        ]}
      />
      <P style={{ color: '#64748b', fontSize: 14 }}>
        A card refund usually reaches your account within 5 to 10 working days.
      </P>
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        See your repair
      </ButtonLink>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `${b.shopName} has refunded ${d.amount} for repair ${d.reference}. Keep this e-mail as your credit note.`,
    '',
    `Refunded: ${d.amount}`,
    `Reason: ${d.reason}`,
    `Refunded to: ${d.refundTo}`,
    `Date: ${d.refundedOn}`,
    `Repair: ${d.reference} (${d.deviceName})`,
    `Refunded on this repair so far: ${d.totalRefunded}`,
    '',
    'A card refund usually reaches your account within 5 to 10 working days.',
    '',
    'See your repair:',
    d.trackingUrl,
  ),
});

export const bookingCancelled: TemplateFn<'booking-cancelled'> = (d, b) => {
  const money = d.refund
    ? `We are refunding ${d.refund} to ${d.refundTo ?? 'the way you paid'}.`
    : d.paid
      ? `Nothing is refunded: the cancellation fee of ${d.fee ?? d.paid} covers what you paid.`
      : 'You had not paid anything, so nothing is charged.';
  return {
    subject: `Booking cancelled: ${d.reference}`,
    body: (
      <>
        <H1>Your booking is cancelled</H1>
        <P>Hello {d.name},</P>
        <P>
          Your booking {d.reference} ({d.deviceName}) with {b.shopName} is cancelled. {money}
        </P>
        {d.paid ? (
          <Summary
            rows={[
              ['Paid', d.paid],
              ...(d.fee ? ([['Cancellation fee', d.fee]] as Array<[string, string]>) : []),
              ['Refunded to you', d.refund ?? 'Nothing'],
            ]}
          />
        ) : null}
        {d.refund ? (
          <P style={{ color: '#64748b', fontSize: 14 }}>
            A card refund usually reaches your account within 5 to 10 working days.
          </P>
        ) : null}
        <ButtonLink href={d.trackingUrl} color={b.brandColor}>
          See your booking
        </ButtonLink>
      </>
    ),
    text: lines(
      `Hello ${d.name},`,
      '',
      `Your booking ${d.reference} (${d.deviceName}) with ${b.shopName} is cancelled. ${money}`,
      d.paid && '',
      d.paid && `Paid: ${d.paid}`,
      d.fee && `Cancellation fee: ${d.fee}`,
      d.paid && `Refunded to you: ${d.refund ?? 'nothing'}`,
      '',
      'See your booking:',
      d.trackingUrl,
    ),
  };
};
