import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { consoleOrderUrl, ticketQrPng, ticketQrSvg } from './ticket-qr';

/** Decodes a PNG with jsQR, a QR reader that knows nothing of how the code was made. */
function decode(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const result = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return result?.data ?? null;
}

describe('job ticket QR code', () => {
  it('builds the absolute console URL of the order from the public base', () => {
    expect(consoleOrderUrl('https://repairs.example.co.uk', 'RT-4K7Q2Z')).toBe(
      'https://repairs.example.co.uk/staff/orders/RT-4K7Q2Z',
    );
    expect(consoleOrderUrl('http://localhost:3000/', 'RT-4K7Q2Z')).toBe(
      'http://localhost:3000/staff/orders/RT-4K7Q2Z',
    );
  });

  it('renders a code that a QR reader decodes to that URL', async () => {
    const url = consoleOrderUrl('https://repairs.example.co.uk', 'RT-4K7Q2Z');
    expect(decode(await ticketQrPng(url))).toBe(url);
    // small, as on an 80 mm receipt, it still reads
    expect(decode(await ticketQrPng(url, 120))).toBe(url);
  });

  it('renders an SVG for the page', async () => {
    const svg = await ticketQrSvg(consoleOrderUrl('http://localhost:3000', 'RT-4K7Q2Z'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox');
  });
});
