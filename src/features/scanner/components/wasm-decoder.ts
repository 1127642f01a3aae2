'use client';
/**
 * The WebAssembly decoder (zxing-wasm's reader): imported dynamically by ./decoders.ts, so its
 * JavaScript and its ~1 MB .wasm load only when a scanner opens on a browser without a usable
 * BarcodeDetector. The .wasm comes from the app (src/app/scanner/[version]/zxing_reader.wasm),
 * never from the package's default CDN.
 */
import {
  ZXING_WASM_VERSION,
  prepareZXingModule,
  readBarcodes,
  type ReadInputBarcodeFormat,
  type ReaderOptions,
} from 'zxing-wasm/reader';
import type { Decoder, ScanFormat, ScanResult } from './scan-types';

/** Where the app serves the decoder's WebAssembly (the service worker caches it first). */
export const WASM_PATH = `/scanner/${ZXING_WASM_VERSION}/zxing_reader.wasm`;

prepareZXingModule({
  overrides: {
    locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? WASM_PATH : prefix + file),
  },
});

const TO_ZXING: Record<ScanFormat, ReadInputBarcodeFormat> = {
  qr_code: 'QRCode',
  data_matrix: 'DataMatrix',
  code_128: 'Code128',
  code_39: 'Code39',
  ean_13: 'EAN13',
  ean_8: 'EAN8',
  upc_a: 'UPCA',
  itf: 'ITF',
};

const FROM_ZXING: Record<string, ScanFormat> = Object.fromEntries(
  Object.entries(TO_ZXING).map(([ours, theirs]) => [theirs, ours as ScanFormat]),
);

/** Frames are read at most this wide or high: enough for a ticket's QR, cheap on a phone. */
const MAX_EDGE = 960;

let canvas: HTMLCanvasElement | null = null;

function frameOf(video: HTMLVideoElement): ImageData | null {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return null;
  const scale = Math.min(1, MAX_EDGE / Math.max(w, h));
  canvas ??= document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

export function wasmDecoder(formats: readonly ScanFormat[]): Decoder {
  const options: ReaderOptions = {
    formats: formats.map((f) => TO_ZXING[f]),
    tryHarder: true,
    maxNumberOfSymbols: 1,
  };
  return {
    kind: 'wasm',
    async decode(source): Promise<ScanResult | null> {
      const input = source instanceof Blob ? source : frameOf(source);
      if (!input) return null;
      const results = await readBarcodes(input, options);
      const first = results.find((r) => r.isValid && r.text);
      return first ? { text: first.text, format: FROM_ZXING[first.format] ?? first.format } : null;
    },
  };
}
