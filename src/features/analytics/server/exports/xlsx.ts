/**
 * The XLSX export, written with exceljs's streaming WorkbookWriter (rows are committed to the zip
 * as they are written, so a long range is not held as a workbook in memory): a cover sheet, then
 * one sheet per metric (its title, its cards under a header row, a blank row, its table under a
 * header row). Money cells are numbers of major units formatted with the currency, percent cells
 * the fraction formatted as %. Cells are typed values, never formulas.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { MetricResult, Unit } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { currencyDigits, minorToMajor, sheetOf, tAnalytics, type Cell } from './labels';
import { coverLines } from './results';

function numFmt(unit: Unit, currency: string): string | undefined {
  const digits = currencyDigits(currency);
  const decimals = digits ? `.${'0'.repeat(digits)}` : '';
  if (unit === 'money') return currency === 'GBP' ? `"£"#,##0${decimals}` : `#,##0${decimals} "${currency}"`;
  if (unit === 'percent') return '0.0%';
  if (unit === 'hours' || unit === 'days' || unit === 'rating') return '0.0#';
  if (unit === 'count') return '#,##0';
  return undefined;
}

function cellValue(cell: Cell, currency: string): string | number | null {
  if (cell.value === null) return null;
  if (cell.unit === 'money' && typeof cell.value === 'number') return minorToMajor(cell.value, currency);
  return cell.value;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the book. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

async function writeBook(
  stream: PassThrough,
  results: AsyncIterable<MetricResult>,
  scope: AnalyticsScope,
  generatedAt: Date,
): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = 'RevivaTech';
  book.created = generatedAt;
  const taken = new Set<string>();
  const cover = book.addWorksheet(sheetName(tAnalytics('exports.coverSheet'), taken));
  cover.columns = [{ width: 22 }, { width: 40 }];
  cover.addRow([tAnalytics('exports.heading')]).commit();
  for (const pair of coverLines(scope, generatedAt)) cover.addRow(pair).commit();
  cover.commit();

  for await (const result of results) {
    const sheet = sheetOf(result);
    const ws = book.addWorksheet(sheetName(sheet.title, taken));
    const width = Math.max(4, sheet.tableHeader.length);
    ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 28 : 16 }));
    const title = ws.addRow([sheet.title]);
    title.font = { bold: true, size: 13 };
    title.commit();
    const writeCells = (cells: Cell[]) => {
      const row = ws.addRow(cells.map((c) => cellValue(c, sheet.currency)));
      cells.forEach((c, i) => {
        const fmt = typeof c.value === 'number' ? numFmt(c.unit, sheet.currency) : undefined;
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
      row.commit();
    };
    const header = (labels: string[]) => {
      const row = ws.addRow(labels);
      row.font = { bold: true };
      row.commit();
    };
    header(sheet.cardHeader);
    for (const cells of sheet.cards) writeCells(cells);
    for (const note of sheet.notes) ws.addRow([tAnalytics('exports.note'), note]).commit();
    ws.addRow([]).commit();
    if (sheet.tableHeader.length) header(sheet.tableHeader);
    else ws.addRow([tAnalytics('exports.noTable')]).commit();
    for (const cells of sheet.rows) writeCells(cells);
    ws.commit();
  }
  await book.commit();
}

/** The workbook as a stream of bytes, written while it is read. */
export function metricsXlsxStream(
  results: AsyncIterable<MetricResult>,
  scope: AnalyticsScope,
  generatedAt = new Date(),
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeBook(out, results, scope, generatedAt).catch((err: unknown) => out.destroy(err as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
