import type { Formats } from 'next-intl';

/**
 * The ICU styles our messages name (`{share, number, percent}`, `{time, time, short}`), as
 * named formats. The Next build compiles the messages (next.config.ts, `precompile`) and
 * next-intl's format-only runtime knows only named formats, not ICU's built-in styles: without
 * these, "percent" printed 0.25 and "short" a date. The values are intl-messageformat's own, so
 * the full formatter (the API server, tests) prints the same. `dateTime` serves `date` and
 * `time` alike: a message that wants a date in a short style needs a name of its own.
 * src/i18n/formats.test.ts fails when a message names a style missing here.
 */
export const FORMATS = {
  number: { percent: { style: 'percent' } },
  dateTime: { short: { hour: 'numeric', minute: 'numeric' } },
} satisfies Formats;
