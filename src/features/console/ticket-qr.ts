/**
 * The job ticket's QR code: the absolute URL of the order in the staff console, so any QR
 * reader (a phone camera, a USB scanner typing into the browser) opens the order.
 */
import QRCode from 'qrcode';

/** `<base>/staff/orders/<reference>`; the console page accepts the reference as well as the id. */
export function consoleOrderUrl(base: string, reference: string): string {
  return `${base.replace(/\/+$/, '')}/staff/orders/${encodeURIComponent(reference)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The QR code as an SVG document (rendered on the server; sharp at any print size). */
export function ticketQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
}

/** The same code as a PNG (tests decode it with a real QR reader). */
export function ticketQrPng(url: string, width = 300): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width });
}
