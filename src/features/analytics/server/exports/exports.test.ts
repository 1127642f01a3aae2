/**
 * The three writers on a fixed metric answer: the CSV parses back (RFC 4180) to the same cells,
 * with formulas defused; the XLSX reads back (exceljs) with number formats; the PDF's text
 * (pdf.js) shows the same figures, £ included, and a long table repeats its header on each page.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvBlocks, parseCsv } from '../../../../../tests/csv-parse';
import { readPdf } from '../../../../../tests/pdf-text';
import messages from '../../../../../messages/en-GB.json';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { csvField, defuseFormula, metricsCsvStream } from './csv';
import { minorToDecimal } from './labels';
import { metricsPdfStream } from './pdf';
import { metricsXlsxStream } from './xlsx';

const scope: AnalyticsScope = {
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-02-01T00:00:00Z'),
  rangeFrom: '2026-01-01',
  rangeTo: '2026-01-31',
  compare: 'previous',
  compareFrom: new Date('2025-12-01T00:00:00Z'),
  compareTo: new Date('2026-01-01T00:00:00Z'),
  compareRangeFrom: '2025-12-01',
  compareRangeTo: '2025-12-31',
  shopSlugs: ['london'],
  interval: 'day',
  timeZone: 'Europe/London',
  currency: 'GBP',
  now: new Date('2026-02-01T12:00:00Z'),
};

function result(rows = 3): MetricResult {
  const names = ['=HYPERLINK("http://evil")', 'Smith, "Jo"\nline two', '-2+3', '@SUM(A1)', 'Plain'];
  return {
    metric: 'revenueByRepair',
    currency: 'GBP',
    range: { from: '2026-01-01', to: '2026-01-31' },
    compareRange: { from: '2025-12-01', to: '2025-12-31' },
    shops: ['london'],
    cards: [
      { key: 'netRevenue', unit: 'money', value: 123456, previous: 100000, change: 0.23456 },
      { key: 'refundRate', unit: 'percent', value: 0.125, previous: null, change: null },
    ],
    chart: null,
    table: {
      columns: [
        { key: 'repair', unit: 'text' },
        { key: 'orders', unit: 'count' },
        { key: 'revenue', unit: 'money' },
        { key: 'share', unit: 'percent' },
      ],
      rows: Array.from({ length: rows }, (_, i) => ({
        repair: names[i % names.length]!,
        orders: i + 1,
        revenue: i === 1 ? -505 : 9999 * (i + 1),
        share: i === 2 ? null : 0.5,
      })),
    },
    notes: [],
  };
}

async function* once(...results: MetricResult[]) {
  for (const r of results) yield r;
}

const bytesOf = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());

describe('cells', () => {
  it('writes money exactly from minor units, negatives and pence included', () => {
    expect(minorToDecimal(123456, 'GBP')).toBe('1234.56');
    expect(minorToDecimal(-5, 'GBP')).toBe('-0.05');
    expect(minorToDecimal(0, 'GBP')).toBe('0.00');
    expect(minorToDecimal(1999, 'JPY')).toBe('1999');
    expect(minorToDecimal(900719925474099, 'GBP')).toBe('9007199254740.99');
  });

  it('defuses every formula start and quotes per RFC 4180', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx']) expect(defuseFormula(s)).toBe(`'${s}`);
    expect(defuseFormula('Plain =1')).toBe('Plain =1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });
});

describe('CSV export', () => {
  it('parses back to a cover block, then per metric its cards and its table, formulas defused', async () => {
    const r = result();
    const text = (await bytesOf(metricsCsvStream(once(r), scope, new Date('2026-02-01T09:00:00Z')))).toString(
      'utf8',
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    const blocks = csvBlocks(parseCsv(text));
    expect(blocks).toHaveLength(3);
    const [cover, cards, table] = blocks as [string[][], string[][], string[][]];
    expect(cover[0]).toEqual(['RevivaTech analytics']);
    expect(cover).toContainEqual(['Range', '2026-01-01 to 2026-01-31']);
    expect(cover).toContainEqual(['Shops', 'london']);
    expect(cover).toContainEqual(['Generated at', '2026-02-01T09:00:00.000Z']);
    // cards: title, header, one row per card (value, previous, change)
    expect(cards[1]).toEqual(['Figure', 'Value', 'Previous period', 'Change (0-1)']);
    expect(cards[2]!.slice(1)).toEqual(['1234.56', '1000.00', '0.23456']);
    expect(cards[2]![0]).toContain('(GBP)');
    expect(cards[3]!.slice(1)).toEqual(['0.125', '', '']);
    // the table: a header, then the rows; text that a spreadsheet would run is defused
    expect(table).toHaveLength(1 + r.table.rows.length);
    expect(table.slice(1)).toEqual([
      [`'=HYPERLINK("http://evil")`, '1', '99.99', '0.5'],
      ['Smith, "Jo"\nline two', '2', '-5.05', '0.5'],
      [`'-2+3`, '3', '299.97', ''],
    ]);
  });
});

describe('ids in words', () => {
  it('writes statuses and funnel steps as the dashboard shows them, any other text as it is', async () => {
    const base = result(0);
    const stages: MetricResult = {
      ...base,
      metric: 'stageTimes',
      table: {
        columns: [
          { key: 'status', unit: 'text' },
          { key: 'stays', unit: 'count' },
        ],
        rows: [
          { status: 'ready_for_collection', stays: 2 },
          { status: 'no_such_status', stays: 1 },
        ],
      },
    };
    const funnel: MetricResult = {
      ...base,
      metric: 'funnel',
      table: {
        columns: [
          { key: 'step', unit: 'text' },
          { key: 'visits', unit: 'count' },
        ],
        rows: [
          { step: 'device', visits: 9 },
          { step: 'London', visits: 1 },
        ],
      },
    };
    const text = (await bytesOf(metricsCsvStream(once(stages, funnel), scope))).toString('utf8');
    const blocks = csvBlocks(parseCsv(text));
    expect(blocks[2]!.slice(1)).toEqual([
      [messages.status.ready_for_collection, '2'],
      ['no_such_status', '1'],
    ]);
    expect(blocks[4]!.slice(1)).toEqual([
      [messages.analytics.metrics.funnel.steps.device, '9'],
      ['London', '1'],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await bytesOf(metricsXlsxStream(once(stages), scope))) as unknown as ArrayBuffer);
    const cells = book.worksheets[1]!.getColumn(1).values as unknown[];
    expect(cells).toContain(messages.status.ready_for_collection);
    expect(cells).not.toContain('ready_for_collection');
  });
});

describe('streaming', () => {
  it('sends the CSV cover before the first metric is computed, and each metric as it is ready', async () => {
    let release!: (r: MetricResult) => void;
    const pending = new Promise<MetricResult>((resolve) => (release = resolve));
    async function* slow() {
      yield await pending;
    }
    const reader = metricsCsvStream(slow(), scope).getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toContain('RevivaTech analytics');
    // the cover arrived while the metric was still being computed
    const next = reader.read();
    release(result());
    const second = decoder.decode((await next).value);
    expect(second).toContain('Figure,Value');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toContain('HYPERLINK');
  });
});

describe('XLSX export', { timeout: 60_000 }, () => {
  it('reads back as a cover sheet and one sheet per metric, money and percent formatted as numbers', async () => {
    const r = result(4);
    const bytes = await bytesOf(metricsXlsxStream(once(r, { ...r, metric: 'revenueSeries' }), scope));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toHaveLength(3);
    const ws = book.worksheets[1]!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual(['Figure', 'Value', 'Previous period', 'Change (0-1)']);
    expect(values(3).slice(1)).toEqual([1234.56, 1000, 0.23456]);
    expect(ws.getRow(3).getCell(2).numFmt).toBe('"£"#,##0.00');
    expect(ws.getRow(3).getCell(4).numFmt).toBe('0.0%');
    // row 5 is blank, row 6 the table's header
    expect(values(6)).toHaveLength(4);
    expect(values(7)).toEqual(['=HYPERLINK("http://evil")', 1, 99.99, 0.5]);
    expect(ws.getRow(7).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(values(8)).toEqual(['Smith, "Jo"\nline two', 2, -5.05, 0.5]);
    expect(ws.getRow(10).getCell(3).value).toBe(399.96);
  });
});

// pdfkit and pdf.js load on first use: slow on a shared machine
describe('PDF export', { timeout: 60_000 }, () => {
  it('has a title page and the figures as text, £ included', async () => {
    const bytes = await bytesOf(await metricsPdfStream(once(result()), scope));
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(2);
    expect(pdf.text).toContain('RevivaTech analytics');
    expect(pdf.text).toContain('2026-01-01 to 2026-01-31');
    expect(pdf.text).toContain('£1,234.56');
    expect(pdf.text).toContain('£1,000.00');
    expect(pdf.text).toContain('23.5%');
    expect(pdf.text).toContain('-£5.05');
    expect(pdf.text).toContain('£299.97');
  });

  it('continues a long table on new pages with its header repeated', async () => {
    const bytes = await bytesOf(await metricsPdfStream(once(result(80)), scope));
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBeGreaterThanOrEqual(4);
    // the table's header row starts with its first column's label, from the messages
    const firstLabel = messages.analytics.metrics.revenueByRepair.columns.repair;
    const headers = pdf.lines.filter((l) => l.startsWith(firstLabel));
    expect(headers.length).toBe(pdf.pages - 1);
  });
});
