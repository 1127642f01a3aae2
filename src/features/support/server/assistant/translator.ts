/** The assistant's words (messages namespace `supportAssistant`), rendered on the server. */
import { createTranslator } from 'next-intl';
import messages from '../../../../../messages/en-GB.json';
import { DEFAULT_LOCALE } from '@/i18n/config';

export const t = createTranslator({ locale: DEFAULT_LOCALE, messages, namespace: 'supportAssistant' });
export const tStatus = createTranslator({ locale: DEFAULT_LOCALE, messages, namespace: 'status' });
export const tDays = createTranslator({ locale: DEFAULT_LOCALE, messages, namespace: 'days' });
export const LOCALE = DEFAULT_LOCALE;
