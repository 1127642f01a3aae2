/** Repair e-mails: booking confirmation, appointment reminder, status update. */
import { ButtonLink, H1, lines, P, Summary } from './layout';
import type { TemplateFn } from './types';

export const bookingConfirmation: TemplateFn<'booking-confirmation'> = (d, b) => ({
  subject: `Booking confirmed: ${d.reference}`,
  body: (
    <>
      <H1>Your repair is booked</H1>
      <P>Hello {d.name},</P>
      <P>Thank you for booking with {b.shopName}. Here is your booking:</P>
      <Summary
        rows={[
          ['Reference', d.reference],
          ['Device', d.deviceName],
          ['Repairs', d.repairs.join(', ')],
          ['Total', d.total],
          ['Service', d.service],
        ]}
      />
      <P>Follow your repair at any time with your tracking link:</P>
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        Track your repair
      </ButtonLink>
      {d.manageUrl ? (
        <P>
          Need to change or cancel? <a href={d.manageUrl}>Manage your booking</a>.
        </P>
      ) : null}
      <P style={{ color: '#64748b', fontSize: 14 }}>
        The attached calendar file adds your appointment to your calendar.{' '}
        {d.paid ? `${d.paid}: your receipt follows in a separate e-mail.` : 'You pay on collection.'}
      </P>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `Thank you for booking with ${b.shopName}. Here is your booking:`,
    '',
    `Reference: ${d.reference}`,
    `Device: ${d.deviceName}`,
    `Repairs: ${d.repairs.join(', ')}`,
    `Total: ${d.total}`,
    `Service: ${d.service}`,
    d.paid ? `Payment: ${d.paid}` : 'Payment: on collection',
    '',
    'Track your repair:',
    d.trackingUrl,
    d.manageUrl && '',
    d.manageUrl && 'Change or cancel your booking:',
    d.manageUrl,
  ),
});

export const appointmentReminder: TemplateFn<'appointment-reminder'> = (d, b) => ({
  subject: `Reminder: your drop-off tomorrow (${d.reference})`,
  body: (
    <>
      <H1>See you tomorrow</H1>
      <P>Hello {d.name},</P>
      <P>This is a reminder of your drop-off appointment with {b.shopName}:</P>
      <Summary
        rows={[
          ['Reference', d.reference],
          ['Device', d.deviceName],
          ['When', d.when],
          ['Where', `${d.shopName}, ${d.shopAddress}`],
        ]}
      />
      <P>Please back up your device and bring any passcode we may need to test the repair.</P>
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        View your booking
      </ButtonLink>
      {d.manageUrl ? (
        <P>
          Cannot make it? <a href={d.manageUrl}>Reschedule or cancel</a>.
        </P>
      ) : null}
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `This is a reminder of your drop-off appointment with ${b.shopName}:`,
    '',
    `Reference: ${d.reference}`,
    `Device: ${d.deviceName}`,
    `When: ${d.when}`,
    `Where: ${d.shopName}, ${d.shopAddress}`,
    '',
    'Please back up your device and bring any passcode we may need to test the repair.',
    '',
    'View your booking:',
    d.trackingUrl,
    d.manageUrl && '',
    d.manageUrl && 'Reschedule or cancel:',
    d.manageUrl,
  ),
});

export const statusUpdate: TemplateFn<'status-update'> = (d, b) => ({
  subject: `Repair ${d.reference}: ${d.status}`,
  body: (
    <>
      <H1>Your repair: {d.status}</H1>
      <P>Hello {d.name},</P>
      <P>
        The status of your repair {d.reference} is now <strong>{d.status}</strong>.
      </P>
      {d.message ? <P>{d.message}</P> : null}
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        Track your repair
      </ButtonLink>
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `The status of your repair ${d.reference} is now: ${d.status}.`,
    d.message && '',
    d.message,
    '',
    'Track your repair:',
    d.trackingUrl,
  ),
});

export const bookingRescheduled: TemplateFn<'booking-rescheduled'> = (d, b) => ({
  subject: `Drop-off moved: ${d.reference}`,
  body: (
    <>
      <H1>Your drop-off has moved</H1>
      <P>Hello {d.name},</P>
      <P>Your drop-off appointment with {b.shopName} is now:</P>
      <Summary
        rows={[
          ['Reference', d.reference],
          ['Device', d.deviceName],
          ['When', d.when],
          ['Before', d.previously],
          ['Where', `${d.shopName}, ${d.shopAddress}`],
        ]}
      />
      <P>The attached calendar file updates the entry you already have.</P>
      <ButtonLink href={d.trackingUrl} color={b.brandColor}>
        View your booking
      </ButtonLink>
      {d.manageUrl ? (
        <P>
          Need another change? <a href={d.manageUrl}>Reschedule or cancel</a>.
        </P>
      ) : null}
    </>
  ),
  text: lines(
    `Hello ${d.name},`,
    '',
    `Your drop-off appointment with ${b.shopName} is now:`,
    '',
    `Reference: ${d.reference}`,
    `Device: ${d.deviceName}`,
    `When: ${d.when}`,
    `Before: ${d.previously}`,
    `Where: ${d.shopName}, ${d.shopAddress}`,
    '',
    'The attached calendar file updates the entry you already have.',
    '',
    'View your booking:',
    d.trackingUrl,
    d.manageUrl && '',
    d.manageUrl && 'Reschedule or cancel:',
    d.manageUrl,
  ),
});
