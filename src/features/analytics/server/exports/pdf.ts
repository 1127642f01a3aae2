/**
 * The PDF export (pdfkit, streamed: pages go out as they are finished): a title page (what it
 * covers, when it was made), then each metric from a new page: its title and description, its
 * cards, its notes and its table, paginated with the table's header repeated on every page.
 * pdfkit's standard Helvetica (WinAnsi: £ and € print; other characters are shown as their base
 * letter or "?", never as broken glyphs).
 */
import { Readable } from 'node:stream';
import { formatMoney } from '@/features/pricing';
import type { MetricResult } from '../../metrics';
import type { AnalyticsScope } from '../scope';
import { sheetOf, tAnalytics, type Cell, type MetricSheet } from './labels';
import { coverLines } from './results';

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape: tables are wide
const MARGIN = 40;
const BOTTOM = PAGE.height - MARGIN;
const WIDTH = PAGE.width - 2 * MARGIN;
const ROW = 16;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const INK = '#0f172a';
const MUTED = '#475569';
const RULE = '#cbd5e1';

/** Characters outside WinAnsi as their base letter, or "?" (the standard fonts have no others). */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (
      (cp >= 0x20 && cp <= 0x7e) ||
      (cp >= 0xa0 && cp <= 0xff) ||
      cp === 0x20ac ||
      cp === 0x2013 ||
      cp === 0x2014
    )
      out += ch;
    else if (cp < 0x20) out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => c.charCodeAt(0) < 0x100) ? base : '?';
    }
  }
  return out;
}

/** A cell as the PDF shows it: £1,234.56, 12.5%, 3.4 (hours), text as it is. */
export function pdfCellText(cell: Cell, currency: string): string {
  const v = cell.value;
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  switch (cell.unit) {
    case 'money':
      return formatMoney(Math.round(v), currency);
    case 'percent':
      return `${(v * 100).toFixed(1)}%`;
    case 'count':
      return Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toFixed(1);
    case 'hours':
    case 'days':
    case 'rating':
      return v.toFixed(1);
    default:
      return String(v);
  }
}

type Doc = PDFKit.PDFDocument;

function drawRow(doc: Doc, texts: string[], widths: number[], y: number, bold = false): void {
  doc
    .font(bold ? BOLD : FONT)
    .fontSize(8.5)
    .fillColor(INK);
  let x = MARGIN;
  texts.forEach((t, i) => {
    const w = widths[i]!;
    doc.text(pdfSafe(t), x + 2, y + 4, { width: w - 4, height: ROW - 4, lineBreak: false, ellipsis: true });
    x += w;
  });
  doc
    .moveTo(MARGIN, y + ROW)
    .lineTo(MARGIN + WIDTH, y + ROW)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
}

/** A table that continues on new pages, its header row repeated at the top of each. */
function drawTable(doc: Doc, header: string[], rows: string[][], startY: number): number {
  const first = Math.min(WIDTH * 0.34, Math.max(WIDTH / header.length, 120));
  const rest = header.length > 1 ? (WIDTH - first) / (header.length - 1) : 0;
  const widths = header.map((_, i) => (i === 0 ? (header.length === 1 ? WIDTH : first) : rest));
  let y = startY;
  if (y + 2 * ROW > BOTTOM) {
    doc.addPage();
    y = MARGIN;
  }
  drawRow(doc, header, widths, y, true);
  y += ROW;
  for (const row of rows) {
    if (y + ROW > BOTTOM) {
      doc.addPage();
      y = MARGIN;
      drawRow(doc, header, widths, y, true);
      y += ROW;
    }
    drawRow(doc, row, widths, y);
    y += ROW;
  }
  return y;
}

function drawMetric(doc: Doc, sheet: MetricSheet): void {
  doc.addPage();
  doc.font(BOLD).fontSize(15).fillColor(INK).text(pdfSafe(sheet.title), MARGIN, MARGIN, { width: WIDTH });
  doc.font(FONT).fontSize(9.5).fillColor(MUTED).text(pdfSafe(sheet.description), { width: WIDTH });
  let y = doc.y + 10;
  if (sheet.cards.length) {
    const cards = sheet.cards.map((row) => row.map((c) => pdfCellText(c, sheet.currency)));
    y = drawTable(doc, sheet.cardHeader, cards, y) + 10;
  }
  for (const note of sheet.notes) {
    doc.font(FONT).fontSize(9).fillColor(MUTED).text(pdfSafe(note), MARGIN, y, { width: WIDTH });
    y = doc.y + 4;
  }
  if (sheet.tableHeader.length) {
    const rows = sheet.rows.map((row) => row.map((c) => pdfCellText(c, sheet.currency)));
    drawTable(doc, sheet.tableHeader, rows, y + 6);
  } else if (!sheet.cards.length) {
    doc.font(FONT).fontSize(10).fillColor(MUTED).text(tAnalytics('exports.noData'), MARGIN, y);
  }
}

async function writeDoc(
  doc: Doc,
  results: AsyncIterable<MetricResult>,
  scope: AnalyticsScope,
  generatedAt: Date,
): Promise<void> {
  doc
    .font(BOLD)
    .fontSize(24)
    .fillColor(INK)
    .text(tAnalytics('exports.heading'), MARGIN, 140, { width: WIDTH });
  doc.moveDown(1);
  for (const [label, value] of coverLines(scope, generatedAt)) {
    doc
      .font(BOLD)
      .fontSize(11)
      .fillColor(INK)
      .text(`${pdfSafe(label)}: `, { continued: true });
    doc.font(FONT).fillColor(INK).text(pdfSafe(value));
  }
  for await (const result of results) drawMetric(doc, sheetOf(result));
  doc.end();
}

/** The PDF as a stream of bytes, pages sent as they are finished. */
export async function metricsPdfStream(
  results: AsyncIterable<MetricResult>,
  scope: AnalyticsScope,
  generatedAt = new Date(),
): Promise<ReadableStream<Uint8Array>> {
  // pdfkit loads with the first export, not with the server
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: MARGIN,
    info: { Title: tAnalytics('exports.heading'), Creator: 'RevivaTech', CreationDate: generatedAt },
    displayTitle: true,
    lang: 'en-GB',
  });
  writeDoc(doc, results, scope, generatedAt).catch((err: unknown) => doc.destroy(err as Error));
  return Readable.toWeb(doc) as ReadableStream<Uint8Array>;
}
