import { describe, expect, it } from 'vitest';
import type { InvoiceSnapshot } from '@/server/db/schema';
import { readPdf } from '../../../../tests/pdf-text';
import { formatInvoiceDate, formatVatRate, renderInvoicePdf, toWinAnsi } from './invoice-pdf';

const snapshot: InvoiceSnapshot = {
  shop: {
    name: 'RevivaTech London',
    address: ['12 Borough High Street', 'London', 'SE1 9QQ'],
    phone: '020 7946 0000',
    email: 'london@revivatech.example',
    vatNumber: 'GB123456789',
  },
  customer: { name: 'Zoë Łukasiewicz', email: 'zoe@example.com' },
  reference: 'RT-ABC234',
  device: 'Apple iPhone 15',
  lines: [
    {
      description: 'Screen replacement (OLED, genuine part)',
      quantity: 1,
      unitMinor: 18900,
      totalMinor: 18900,
    },
    { description: 'Tempered glass protector', quantity: 2, unitMinor: 1250, totalMinor: 2500 },
  ],
  totalMinor: 21400,
  vatRateBp: 2000,
  netMinor: 17833,
  vatMinor: 3567,
  paidMinor: 15000,
  previouslyPaidMinor: 5000,
  balanceMinor: 1400,
  method: 'Card (test mode): Visa •••• 4242',
};
const invoice = {
  number: 'LONDON-000042',
  // 23:30 UTC on 30 June is already 1 July in London (BST)
  issuedAt: new Date('2025-06-30T23:30:00Z'),
  currency: 'GBP',
  snapshot,
};

describe('renderInvoicePdf', () => {
  it('renders an A4 VAT invoice that a PDF reader can read back, £ signs and all', async () => {
    const pdf = await renderInvoicePdf(invoice);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { lines, text, pages, info } = await readPdf(pdf);
    expect(pages).toBe(1);
    expect(info).toMatchObject({ Title: 'LONDON-000042', Author: 'RevivaTech London' });

    expect(lines).toContain('RevivaTech London VAT invoice');
    expect(text).toContain('Invoice LONDON-000042');
    expect(text).toContain('Date: 1 July 2025');
    for (const line of [
      '12 Borough High Street',
      'SE1 9QQ',
      'Tel. 020 7946 0000',
      'london@revivatech.example',
    ])
      expect(text).toContain(line);
    expect(text).toContain('VAT registration no. GB123456789');
    // the customer's name in the letters Helvetica has: ë kept, Ł transliterated
    expect(text).toContain('Zoë Lukasiewicz');
    expect(text).toContain('zoe@example.com');
    expect(text).toContain('Reference RT-ABC234');
    expect(text).toContain('Device: Apple iPhone 15');

    expect(lines).toContain('Description Qty Unit price Amount');
    expect(lines).toContain('Screen replacement (OLED, genuine part) 1 £189.00 £189.00');
    expect(lines).toContain('Tempered glass protector 2 £12.50 £25.00');

    expect(lines).toContain('Total (inc. VAT) £214.00');
    expect(lines).toContain('VAT at 20% £35.67');
    expect(lines).toContain('Net amount (ex. VAT) £178.33');
    expect(lines).toContain('Paid now (Card (test mode): Visa •••• 4242) £150.00');
    expect(lines).toContain('Paid before £50.00');
    expect(lines).toContain('Balance due £14.00');
  });

  it('is a receipt, not a VAT invoice, without a VAT number, and leaves absent details out', async () => {
    const pdf = await renderInvoicePdf({
      ...invoice,
      snapshot: {
        ...snapshot,
        shop: { name: 'Fix & Co', address: [], phone: null, email: null, vatNumber: null },
      },
    });
    const { lines, text } = await readPdf(pdf);
    expect(lines).toContain('Fix & Co Receipt');
    expect(text).not.toContain('VAT invoice');
    expect(text).not.toContain('VAT registration');
    expect(text).not.toContain('Tel.');
  });

  it('renders the same invoice to the same bytes', async () => {
    const [a, b] = await Promise.all([renderInvoicePdf(invoice), renderInvoicePdf(invoice)]);
    expect(a.equals(b)).toBe(true);
  });

  it('continues a long list of lines on a second page', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      description: `Part ${i + 1}`,
      quantity: 1,
      unitMinor: 100,
      totalMinor: 100,
    }));
    const pdf = await renderInvoicePdf({
      ...invoice,
      snapshot: {
        ...snapshot,
        lines,
        totalMinor: 4000,
        paidMinor: 4000,
        previouslyPaidMinor: 0,
        balanceMinor: 0,
      },
    });
    const read = await readPdf(pdf);
    expect(read.pages).toBe(2);
    expect(read.lines.filter((l) => l === 'Description Qty Unit price Amount')).toHaveLength(2);
    expect(read.lines).toContain('Part 40 1 £1.00 £1.00');
    expect(read.lines).toContain('Balance due £0.00');
  });
});

describe('toWinAnsi', () => {
  it('keeps what Helvetica can print and replaces the rest', () => {
    expect(toWinAnsi('£12 € café – “ok” •')).toBe('£12 € café – “ok” •');
    expect(toWinAnsi('Łódź Dvořák Đorđe')).toBe('Lódz Dvorák Dorde');
    expect(toWinAnsi('e\u0301')).toBe('é');
    expect(toWinAnsi('上海 📱')).toBe('?? ?');
    expect(toWinAnsi('a\nb')).toBe('a b');
  });
});

describe('formatting', () => {
  it('formats the VAT rate and the date in UK time', () => {
    expect(formatVatRate(2000)).toBe('20%');
    expect(formatVatRate(1750)).toBe('17.5%');
    expect(formatVatRate(0)).toBe('0%');
    expect(formatInvoiceDate(new Date('2025-01-15T23:30:00Z'))).toBe('15 January 2025');
    expect(formatInvoiceDate(new Date('2025-06-30T23:30:00Z'))).toBe('1 July 2025');
  });
});
