/**
 * Renders a template to a subject, HTML (React, so every value is escaped) and plain text.
 * Server-only: uses react-dom/server, so pages must not import it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { getBranding, type Branding } from '@/server/branding';
import { EmailLayout } from './layout';
import {
  accountLocked,
  passwordReset,
  securityAlert,
  signInCode,
  signUpAttempt,
  staffInvitation,
  verification,
} from './account';
import { appointmentReminder, bookingConfirmation, bookingRescheduled, statusUpdate } from './repairs';
import { smtpTest } from './smtp-test';
import { notice } from './notice';
import { supportReply } from './support';
import { bookingCancelled, paymentReceipt, paymentRefunded } from './payments';
import { ratingRequest } from './ratings';
import type { TemplateData, TemplateFn, TemplateName } from './types';

export type { TemplateData, TemplateName } from './types';

const TEMPLATES: { [K in TemplateName]: TemplateFn<K> } = {
  verification,
  'password-reset': passwordReset,
  'sign-up-attempt': signUpAttempt,
  'booking-confirmation': bookingConfirmation,
  'status-update': statusUpdate,
  notice,
  'security-alert': securityAlert,
  'staff-invitation': staffInvitation,
  'account-locked': accountLocked,
  'sign-in-code': signInCode,
  'appointment-reminder': appointmentReminder,
  'booking-rescheduled': bookingRescheduled,
  'smtp-test': smtpTest,
  'payment-receipt': paymentReceipt,
  'booking-cancelled': bookingCancelled,
  'payment-refunded': paymentRefunded,
  'support-reply': supportReply,
  'rating-request': ratingRequest,
};

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export function renderTemplate<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  branding: Branding = getBranding(),
): RenderedEmail {
  const fn = TEMPLATES[template] as TemplateFn<T>;
  const parts = fn(data, branding);
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<EmailLayout branding={branding}>{parts.body}</EmailLayout>)}`;
  return {
    subject: parts.subject.replace(/\s+/g, ' ').trim(),
    html,
    text: `${parts.text}\n\n--\n${branding.shopName}\n`,
  };
}

/** Only the subject (no HTML rendering): for a message queued now and rendered at delivery. */
export function renderSubject<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  branding: Branding = getBranding(),
): string {
  const fn = TEMPLATES[template] as TemplateFn<T>;
  return fn(data, branding).subject.replace(/\s+/g, ' ').trim();
}
