import type { ReactElement } from 'react';
import type { Branding } from '@/server/branding';

/** The data each template needs. Every string is user or shop data: React escapes it in HTML. */
export interface TemplateData {
  verification: { name: string; url: string };
  'password-reset': { name: string; url: string };
  /** someone tried to sign up with an address that already has an account */
  'sign-up-attempt': { name: string; signInUrl: string; resetUrl: string };
  'booking-confirmation': {
    name: string;
    reference: string;
    deviceName: string;
    repairs: string[];
    /** formatted total, e.g. "£129.00" */
    total: string;
    /** e.g. "Drop-off at London Bridge, Tuesday 3 June 2025 at 10:00" or "Mail-in repair" */
    service: string;
    trackingUrl: string;
    /** signed link to cancel or reschedule (when the manage page exists) */
    manageUrl?: string;
    /** e.g. "Paid £129.00 by card"; absent: pay on collection */
    paid?: string;
  };
  /** a notice of the kinds people choose channels for (notification preferences): staff work, shop messages */
  notice: {
    name: string;
    /** the notice's title and sentence, e.g. "New booking", "RT-ABC234 was just booked." */
    title: string;
    body: string;
    /** where to open it */
    url: string;
  };
  'status-update': {
    name: string;
    reference: string;
    /** the new status in words, e.g. "Ready for collection" */
    status: string;
    message?: string;
    trackingUrl: string;
  };
  'security-alert': {
    name: string;
    /** what happened, e.g. "Two-factor authentication was turned off" */
    event: string;
    /** when, already formatted for the reader */
    when: string;
    /** where from, e.g. an IP address and browser */
    where?: string;
    /** where to review the account */
    url: string;
  };
  'account-locked': {
    name: string;
    /** e.g. "in 15 minutes" */
    retry: string;
    /** when, already formatted for the reader */
    when: string;
    where?: string;
    resetUrl: string;
  };
  'sign-in-code': {
    name: string;
    /** the 6-digit code */
    code: string;
    minutes: number;
    where?: string;
  };
  'appointment-reminder': {
    name: string;
    reference: string;
    deviceName: string;
    /** e.g. "Tuesday 3 June 2025 at 10:00" */
    when: string;
    shopName: string;
    shopAddress: string;
    trackingUrl: string;
    manageUrl?: string;
  };
  'booking-rescheduled': {
    name: string;
    reference: string;
    deviceName: string;
    /** the new drop-off time, e.g. "Tuesday 3 June 2025 at 10:00" */
    when: string;
    /** the time it replaces, same format */
    previously: string;
    shopName: string;
    shopAddress: string;
    trackingUrl: string;
    manageUrl?: string;
  };
  'staff-invitation': {
    /** who sent the invitation */
    inviterName: string;
    /** the role in words, e.g. "a technician" */
    role: string;
    shopName?: string;
    url: string;
    /** when the link expires, already formatted */
    expires: string;
  };
  'smtp-test': { sentAt: string };
  /** a staff member answered a support conversation handed over by the assistant */
  'support-reply': {
    /** the staff member's first name */
    staffName: string;
    shopName: string;
    /** the reply, as written */
    message: string;
    /** where to read and answer it (the chat on the site) */
    url: string;
  };
  'payment-receipt': {
    name: string;
    reference: string;
    deviceName: string;
    /** e.g. "LONDON-000001" (the attached PDF's name) */
    invoiceNumber: string;
    /** what this payment paid, formatted, e.g. "£129.00" */
    amount: string;
    /** e.g. "Card: Visa •••• 4242" */
    method: string;
    /** when it was paid, already formatted, e.g. "3 June 2025" */
    paidOn: string;
    /** formatted balance still to pay; absent when the repair is paid in full */
    balanceDue?: string;
    trackingUrl: string;
  };
  'booking-cancelled': {
    name: string;
    reference: string;
    deviceName: string;
    /** formatted amount paid (captured less earlier refunds); absent when nothing was paid */
    paid?: string;
    /** formatted fee the shop keeps under its cancellation policy; absent when none */
    fee?: string;
    /** formatted amount refunded to the customer; absent when nothing is refunded */
    refund?: string;
    /** where the refund goes, e.g. "the card you paid with" */
    refundTo?: string;
    trackingUrl: string;
  };
  /** after collection: the customer's signed link to rate the repair (once per order) */
  'rating-request': {
    name: string;
    reference: string;
    deviceName: string;
    shopName: string;
    /** the signed rating link, e.g. https://shop/rate/<token> */
    url: string;
    /** when the link expires, already formatted, e.g. "5 February 2027" */
    expires: string;
  };
  'payment-refunded': {
    name: string;
    reference: string;
    deviceName: string;
    /** formatted refund, e.g. "£20.00" */
    amount: string;
    /** the staff member's reason, as written */
    reason: string;
    /** where the money goes, e.g. "Visa •••• 4242" or "Cash" */
    refundTo: string;
    /** when, already formatted */
    refundedOn: string;
    /** formatted total refunded on this repair so far */
    totalRefunded: string;
    trackingUrl: string;
  };
}

export type TemplateName = keyof TemplateData;

export interface TemplateParts {
  subject: string;
  /** the body (placed inside the branded layout) */
  body: ReactElement;
  /** the plain-text version, without the footer */
  text: string;
}

export type TemplateFn<T extends TemplateName> = (data: TemplateData[T], branding: Branding) => TemplateParts;
