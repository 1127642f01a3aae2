import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { CLIENT_SCOPES, pickMessages, type ClientScope } from './client-messages';

/**
 * Sends the browser only the scope's message namespaces (client-messages.ts). A layout that
 * opens a scope wraps everything it renders in it; the client components inside see only these.
 */
export async function ClientMessages({ scope, children }: { scope: ClientScope; children: ReactNode }) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickMessages(messages, CLIENT_SCOPES[scope])}>
      {children}
    </NextIntlClientProvider>
  );
}
