/**
 * Reads a PDF back the way a viewer does (pdf.js): its metadata, and its text as lines (items
 * on one baseline joined left to right), so tests can assert on "Balance due £0.00".
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const STANDARD_FONTS = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

export interface PdfContent {
  pages: number;
  /** every page's lines, top to bottom */
  lines: string[];
  /** all lines joined with newlines */
  text: string;
  info: Record<string, unknown>;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: 0,
  }).promise;
  const lines: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    const byY = new Map<number, Array<{ x: number; str: string }>>();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const y = Math.round(item.transform[5] as number);
      const row = byY.get(y) ?? [];
      row.push({ x: item.transform[4] as number, str: item.str });
      byY.set(y, row);
    }
    const ys = [...byY.keys()].sort((a, b) => b - a);
    for (const y of ys) {
      lines.push(
        byY
          .get(y)!
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str.trim())
          .join(' '),
      );
    }
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages: pdf.numPages, lines, text: lines.join('\n'), info: info as Record<string, unknown> };
}
