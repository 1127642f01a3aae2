/**
 * Renders a template to a subject, HTML (React, so every value is escaped) and plain text.
 * Server-only: uses react-dom/server, so pages must not import it.
 */
import { createRequire } from 'node:module';
import type { ReactElement } from 'react';
import { getBranding, type Branding } from '@/server/branding';
import { EmailLayout } from './layout';
import { passwordReset, securityAlert, verification } from './account';
import { appointmentReminder, bookingConfirmation, statusUpdate } from './repairs';
import { smtpTest } from './smtp-test';
import type { TemplateData, TemplateFn, TemplateName } from './types';

export type { TemplateData, TemplateName } from './types';

const TEMPLATES: { [K in TemplateName]: TemplateFn<K> } = {
  verification,
  'password-reset': passwordReset,
  'booking-confirmation': bookingConfirmation,
  'status-update': statusUpdate,
  'security-alert': securityAlert,
  'appointment-reminder': appointmentReminder,
  'smtp-test': smtpTest,
};

/**
 * react-dom/server is loaded on first use, not imported: pages reach this module through the
 * auth set-up (page guard -> session -> auth -> send-template) and Next refuses to build a
 * Server Component graph that imports react-dom/server. Only the Node server renders e-mails.
 */
const nodeRequire = createRequire(import.meta.url);
const REACT_DOM_SERVER = 'react-dom/server';
function renderToStaticMarkup(element: ReactElement): string {
  const server = nodeRequire(REACT_DOM_SERVER) as typeof import('react-dom/server');
  return server.renderToStaticMarkup(element);
}

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
