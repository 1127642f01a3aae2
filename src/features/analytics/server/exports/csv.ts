/**
 * The CSV export: one file, a block per metric (its title line, its cards with a header, a blank
 * line, its table with a header, a blank line), written row by row as each metric is computed.
 * One file rather than a zip: it opens straight in any spreadsheet, and it streams without a zip
 * writer; the XLSX export is the one with a sheet per metric. RFC 4180 quoting, CRLF line ends,
 * a UTF-8 byte order mark (so Excel reads the £), and text cells that a spreadsheet would run
 * as a formula defused with a leading apostrophe.
 */
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { cellText, sheetOf, tAnalytics, type Cell } from './labels';
import { coverLines } from './results';

/** Text a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ tab CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it holds a quote, comma, CR or LF (quotes doubled). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number written as text ("-12.50"): kept as it is, never defused. */
export interface CsvNumber {
  num: string;
}

/** A line of fields with CRLF: text (user text: defused) or numbers (as they are). */
export function csvLine(fields: ReadonlyArray<string | CsvNumber>): string {
  return `${fields.map((f) => (typeof f === 'string' ? csvField(defuseFormula(f)) : csvField(f.num))).join(',')}\r\n`;
}

/** A line of cells: numbers as numbers (a negative amount keeps its minus), text defused. */
function cellLine(cells: Cell[], currency: string): string {
  return `${cells
    .map((c) => {
      const text = cellText(c, currency);
      return csvField(typeof c.value === 'string' ? defuseFormula(text) : text);
    })
    .join(',')}\r\n`;
}

/** The CSV as a stream of UTF-8 chunks: the cover, then each metric once computed. */
export function metricsCsvStream(
  results: AsyncIterable<MetricResult>,
  scope: AnalyticsScope,
  generatedAt = new Date(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = results[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        const cover = [tAnalytics('exports.heading')];
        let text = `\uFEFF${csvLine(cover)}`;
        for (const pair of coverLines(scope, generatedAt)) text += csvLine(pair);
        controller.enqueue(encoder.encode(`${text}\r\n`));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      const sheet = sheetOf(next.value);
      let text = csvLine([sheet.title]) + csvLine(sheet.cardHeader);
      for (const row of sheet.cards) text += cellLine(row, sheet.currency);
      for (const note of sheet.notes) text += csvLine([tAnalytics('exports.note'), note]);
      text += '\r\n';
      text += sheet.tableHeader.length
        ? csvLine(sheet.tableHeader)
        : csvLine([tAnalytics('exports.noTable')]);
      controller.enqueue(encoder.encode(text));
      // rows in chunks, so a long table goes out as it is written
      for (let i = 0; i < sheet.rows.length; i += 500) {
        controller.enqueue(
          encoder.encode(
            sheet.rows
              .slice(i, i + 500)
              .map((r) => cellLine(r, sheet.currency))
              .join(''),
          ),
        );
      }
      controller.enqueue(encoder.encode('\r\n'));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
