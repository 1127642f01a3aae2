import { describe, expect, it } from 'vitest';
import { classifyScan, imeiSerialFromScan, scanExcerpt } from './classify-scan';

const HERE = 'http://localhost:3224';
const PUBLIC = 'https://repairs.example.com';
/** the job ticket's QR text, as src/features/console/ticket-qr.ts makes it */
const ticketUrl = (base: string, reference: string) =>
  `${base}/staff/orders/${encodeURIComponent(reference)}`;

describe('classifyScan', () => {
  it("reads a job ticket's QR (the console URL of the order) on the page's origin", () => {
    expect(classifyScan(ticketUrl(HERE, 'RT-7K3M9Q'), HERE)).toEqual({
      kind: 'order',
      reference: 'RT-7K3M9Q',
    });
  });

  it('accepts the configured public base URL as well as the page origin, and a trailing slash', () => {
    expect(classifyScan(`${PUBLIC}/staff/orders/RT-7K3M9Q/`, [HERE, `${PUBLIC}/`])).toEqual({
      kind: 'order',
      reference: 'RT-7K3M9Q',
    });
    expect(classifyScan(`${PUBLIC}/staff/orders/rt-7k3m9q`, [HERE, PUBLIC])).toEqual({
      kind: 'order',
      reference: 'RT-7K3M9Q',
    });
  });

  it("refuses a ticket URL of another site, another path of ours, or a reference that can't be one", () => {
    const evil = 'https://evil.example/staff/orders/RT-7K3M9Q';
    expect(classifyScan(evil, [HERE, PUBLIC])).toEqual({ kind: 'foreign', text: evil });
    expect(classifyScan(`${HERE}/staff/orders/RT-7K3M9Q/ticket`, HERE).kind).toBe('foreign');
    expect(classifyScan(`${HERE}/staff/orders/RT-0O1I00`, HERE).kind).toBe('foreign');
    expect(classifyScan(`${HERE}/track/RT-7K3M9Q`, HERE).kind).toBe('foreign');
    expect(classifyScan(`${HERE}/staff/orders/RT-7K3M9Q?next=https://evil.example`, HERE).kind).toBe(
      'foreign',
    );
    // same host, other port or scheme: another origin
    expect(classifyScan('http://localhost:9999/staff/orders/RT-7K3M9Q', HERE).kind).toBe('foreign');
    expect(classifyScan('https://localhost:3224/staff/orders/RT-7K3M9Q', HERE).kind).toBe('foreign');
    expect(classifyScan('http://[::1', HERE).kind).toBe('foreign');
  });

  it('reads a bare reference only with its RT prefix', () => {
    expect(classifyScan(' rt-7k3m9q ', HERE)).toEqual({ kind: 'order', reference: 'RT-7K3M9Q' });
    expect(classifyScan('RT 7K3M9Q', HERE)).toEqual({ kind: 'order', reference: 'RT-7K3M9Q' });
    // six letters and digits without the prefix look like a serial number
    expect(classifyScan('7K3M9Q', HERE)).toEqual({ kind: 'serial', value: '7K3M9Q' });
  });

  it('tells a valid IMEI (Luhn) from a serial number and from an IMEI with a wrong check digit', () => {
    expect(classifyScan('490154203237518', HERE)).toEqual({ kind: 'imei', value: '490154203237518' });
    expect(classifyScan('49-015420-323751-8', HERE)).toEqual({ kind: 'imei', value: '490154203237518' });
    expect(classifyScan('490154203237519', HERE)).toEqual({ kind: 'foreign', text: '490154203237519' });
    expect(classifyScan('C02XK1ABJG5H', HERE)).toEqual({ kind: 'serial', value: 'C02XK1ABJG5H' });
  });

  it('calls anything else foreign: other sites, words, empty codes', () => {
    expect(classifyScan('https://example.com/menu', HERE).kind).toBe('foreign');
    expect(classifyScan('WIFI:S:cafe;T:WPA;P:secret;;', HERE).kind).toBe('foreign');
    expect(classifyScan('', HERE).kind).toBe('foreign');
    expect(classifyScan('mailto:someone@example.com', HERE).kind).toBe('foreign');
  });
});

describe('scanExcerpt', () => {
  it('keeps at most 80 characters and drops control characters', () => {
    expect(scanExcerpt('a'.repeat(100))).toBe(`${'a'.repeat(80)}…`);
    expect(scanExcerpt('line one\nline two\u0007')).toBe('line one line two');
    expect(scanExcerpt('short')).toBe('short');
  });
});

describe('imeiSerialFromScan', () => {
  it('fills a valid IMEI from any code, a serial only from a linear barcode', () => {
    expect(imeiSerialFromScan('490154203237518', true, HERE)).toEqual({
      fill: '490154203237518',
      kind: 'imei',
    });
    expect(imeiSerialFromScan('490154203237518', false, HERE)).toEqual({
      fill: '490154203237518',
      kind: 'imei',
    });
    expect(imeiSerialFromScan('c02xk1abjg5h', true, HERE)).toEqual({ fill: 'C02XK1ABJG5H', kind: 'serial' });
    expect(imeiSerialFromScan('C02XK1ABJG5H', false, HERE)).toEqual({
      problem: 'not-serial',
      excerpt: 'C02XK1ABJG5H',
    });
  });

  it('refuses a job ticket as a ticket, and says what anything else reads', () => {
    expect(imeiSerialFromScan(ticketUrl(HERE, 'RT-7K3M9Q'), false, HERE)).toEqual({ problem: 'ticket' });
    expect(imeiSerialFromScan('RT-7K3M9Q', true, HERE)).toEqual({ problem: 'ticket' });
    expect(imeiSerialFromScan('490154203237519', true, HERE)).toEqual({
      problem: 'not-serial',
      excerpt: '490154203237519',
    });
    expect(imeiSerialFromScan('https://example.com/x', false, HERE)).toEqual({
      problem: 'not-serial',
      excerpt: 'https://example.com/x',
    });
  });
});
