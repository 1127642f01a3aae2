/**
 * An invoice as an A4 PDF, drawn from its stored snapshot only, so the same invoice always gives
 * the same document, however the shop, prices or payment change later. For a UK VAT invoice it
 * shows the seller's name, address and VAT registration number, a unique sequential number, the
 * date, the customer, what was supplied, the VAT rate, the VAT amount and the totals; and, as a
 * receipt, what this payment paid, what was paid before and what is still due.
 *
 * pdfkit's built-in Helvetica is used (no font files to ship). Its encoding is WinAnsi: £, €,
 * accented Latin letters and "•" print; anything else is transliterated or shown as "?", never as
 * broken glyphs. pdfkit is loaded from node_modules at runtime (serverExternalPackages in
 * next.config.ts), where it finds its font metrics.
 */
import type { InvoiceSnapshot } from '@/server/db/schema';
import { formatMoney } from '@/features/pricing';

export interface InvoiceForPdf {
  number: string;
  issuedAt: Date;
  currency: string;
  snapshot: InvoiceSnapshot;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 50;
const RIGHT = PAGE.width - MARGIN;
const CONTENT_WIDTH = RIGHT - MARGIN;
const INK = '#0f172a';
const MUTED = '#64748b';
const RULE = '#e2e8f0';
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** The table's columns: x and width (numbers right-aligned). */
const COL = {
  description: { x: MARGIN, width: 255 },
  quantity: { x: MARGIN + 255, width: 45 },
  unit: { x: MARGIN + 300, width: 95 },
  amount: { x: MARGIN + 395, width: CONTENT_WIDTH - 395 },
} as const;

/** Code points Helvetica can print besides Latin-1 (WinAnsi's 0x80-0x9F block). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
/** Letters that do not decompose into a base letter and an accent. */
const TRANSLITERATE: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŀ: 'L',
  ŀ: 'l',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
};

function printable(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);
}

/** `text` in characters the standard PDF fonts can show (WinAnsi). */
export function toWinAnsi(text: string): string {
  let out = '';
  // composed first: e + a combining accent becomes é, which Latin-1 has
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (printable(cp)) out += ch;
    else if (ch === '\n' || ch === '\t') out += ' ';
    else if (TRANSLITERATE[ch] !== undefined) out += TRANSLITERATE[ch];
    else if (/\p{M}/u.test(ch))
      continue; // an accent Latin-1 has no letter for
    else {
      // ő is not in Latin-1: print o
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every((c) => printable(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

/** e.g. "3 June 2025" (UK time). */
export function formatInvoiceDate(d: Date): string {
  return DATE.format(d);
}

/** 2000 bp -> "20%", 1750 bp -> "17.5%". */
export function formatVatRate(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

export async function renderInvoicePdf(invoice: InvoiceForPdf): Promise<Buffer> {
  // pdfkit loads with the first invoice, not with the server (README, "Start-up time")
  const { default: PDFDocument } = await import('pdfkit');
  const s = invoice.snapshot;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const t = toWinAnsi;
  const isVatInvoice = !!s.shop.vatNumber;

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // fixed dates: the same invoice renders to the same bytes
    info: {
      Title: invoice.number,
      Author: t(s.shop.name),
      Subject: t(`${isVatInvoice ? 'VAT invoice' : 'Receipt'} ${invoice.number} for repair ${s.reference}`),
      Creator: t(s.shop.name),
      CreationDate: invoice.issuedAt,
      ModDate: invoice.issuedAt,
    },
    displayTitle: true,
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // ---- the seller (left) and the document (right)
  let left = MARGIN;
  doc.font(BOLD).fontSize(18).fillColor(INK).text(t(s.shop.name), MARGIN, left, { width: 280 });
  left = doc.y + 4;
  doc.font(FONT).fontSize(9.5).fillColor(MUTED);
  const sellerLines = [
    ...s.shop.address,
    s.shop.phone ? `Tel. ${s.shop.phone}` : null,
    s.shop.email,
    s.shop.vatNumber ? `VAT registration no. ${s.shop.vatNumber}` : null,
  ].filter((x): x is string => !!x);
  for (const line of sellerLines) {
    doc.text(t(line), MARGIN, left, { width: 280 });
    left = doc.y + 1;
  }

  const rightX = MARGIN + 300;
  const rightW = CONTENT_WIDTH - 300;
  doc
    .font(BOLD)
    .fontSize(18)
    .fillColor(INK)
    .text(isVatInvoice ? 'VAT invoice' : 'Receipt', rightX, MARGIN, { width: rightW, align: 'right' });
  doc
    .font(BOLD)
    .fontSize(11)
    .text(`Invoice ${invoice.number}`, rightX, doc.y + 4, { width: rightW, align: 'right' });
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(`Date: ${formatInvoiceDate(invoice.issuedAt)}`, rightX, doc.y + 2, {
      width: rightW,
      align: 'right',
    });
  const right = doc.y;

  // ---- customer and repair
  let y = Math.max(left, right) + 24;
  const half = CONTENT_WIDTH / 2 - 10;
  const block = (x: number, title: string, rows: string[]) => {
    doc
      .font(BOLD)
      .fontSize(9)
      .fillColor(MUTED)
      .text(title.toUpperCase(), x, y, { width: half, characterSpacing: 0.5 });
    doc.font(FONT).fontSize(10.5).fillColor(INK);
    let by = doc.y + 3;
    for (const row of rows) {
      doc.text(t(row), x, by, { width: half });
      by = doc.y + 1;
    }
    return by;
  };
  const afterCustomer = block(
    MARGIN,
    'Billed to',
    [s.customer.name, s.customer.email].filter((x): x is string => !!x),
  );
  const afterRepair = block(MARGIN + CONTENT_WIDTH / 2 + 10, 'Repair', [
    `Reference ${s.reference}`,
    `Device: ${s.device}`,
  ]);
  y = Math.max(afterCustomer, afterRepair) + 24;

  // ---- the lines
  const header = () => {
    doc.font(BOLD).fontSize(9.5).fillColor(MUTED);
    doc.text('Description', COL.description.x, y, { width: COL.description.width });
    doc.text('Qty', COL.quantity.x, y, { width: COL.quantity.width, align: 'right' });
    doc.text('Unit price', COL.unit.x, y, { width: COL.unit.width, align: 'right' });
    doc.text('Amount', COL.amount.x, y, { width: COL.amount.width, align: 'right' });
    y = doc.y + 5;
    doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(1).strokeColor(INK).stroke();
    y += 7;
  };
  header();
  doc.font(FONT).fontSize(10.5).fillColor(INK);
  const bottom = PAGE.height - MARGIN;
  for (const line of s.lines) {
    const description = t(line.description);
    const height = doc.heightOfString(description, { width: COL.description.width - 10 });
    if (y + height + 12 > bottom) {
      doc.addPage();
      y = MARGIN;
      header();
      doc.font(FONT).fontSize(10.5).fillColor(INK);
    }
    doc.text(description, COL.description.x, y, { width: COL.description.width - 10 });
    doc.text(String(line.quantity), COL.quantity.x, y, { width: COL.quantity.width, align: 'right' });
    doc.text(money(line.unitMinor), COL.unit.x, y, { width: COL.unit.width, align: 'right' });
    doc.text(money(line.totalMinor), COL.amount.x, y, { width: COL.amount.width, align: 'right' });
    y += height + 6;
    doc.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(RULE).stroke();
    y += 6;
  }

  // ---- the totals
  const labelX = MARGIN + 120;
  const labelW = COL.amount.x - labelX - 10;
  const rows: Array<{ label: string; value: string; strong?: boolean; ruleBefore?: boolean }> = [
    { label: 'Total (inc. VAT)', value: money(s.totalMinor), strong: true },
    { label: `VAT at ${formatVatRate(s.vatRateBp)}`, value: money(s.vatMinor) },
    { label: 'Net amount (ex. VAT)', value: money(s.netMinor) },
    { label: `Paid now (${s.method})`, value: money(s.paidMinor), ruleBefore: true },
    { label: 'Paid before', value: money(s.previouslyPaidMinor) },
    { label: 'Balance due', value: money(s.balanceMinor), strong: true, ruleBefore: true },
  ];
  const totalsHeight = rows.length * 22 + 60;
  if (y + totalsHeight > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  y += 6;
  for (const row of rows) {
    if (row.ruleBefore) {
      doc.moveTo(labelX, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(RULE).stroke();
      y += 6;
    }
    const label = t(row.label);
    doc
      .font(row.strong ? BOLD : FONT)
      .fontSize(row.strong ? 11.5 : 10.5)
      .fillColor(INK);
    const height = doc.heightOfString(label, { width: labelW });
    doc.text(label, labelX, y, { width: labelW });
    doc.text(row.value, COL.amount.x, y, { width: COL.amount.width, align: 'right' });
    y += height + 6;
  }

  // ---- the note
  y += 18;
  if (y + 40 > bottom) {
    doc.addPage();
    y = MARGIN;
  }
  doc
    .font(FONT)
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      t(
        `Prices include VAT at ${formatVatRate(s.vatRateBp)}. This ${isVatInvoice ? 'VAT invoice' : 'receipt'} ` +
          `is for the payment of ${money(s.paidMinor)} received on ${formatInvoiceDate(invoice.issuedAt)} ` +
          `towards repair ${s.reference}. Thank you for choosing ${s.shop.name}.`,
      ),
      MARGIN,
      y,
      { width: CONTENT_WIDTH },
    );

  doc.end();
  return done;
}
