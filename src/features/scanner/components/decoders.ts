'use client';
/**
 * Barcode decoding in the browser: the browser's own `BarcodeDetector` where it has one that
 * reads every format asked for (Android, ChromeOS, macOS Chrome), otherwise zxing-wasm, a
 * WebAssembly build of zxing-cpp, loaded only when a scanner opens (./wasm-decoder.ts) from the
 * app's own /scanner/<version>/zxing_reader.wasm.
 */

import type { Decoder, ScanFormat } from './scan-types';

export {
  LINEAR_FORMATS,
  MATRIX_FORMATS,
  isLinear,
  type Decoder,
  type ScanFormat,
  type ScanResult,
  type ScanSource,
} from './scan-types';

interface DetectedBarcode {
  rawValue: string;
  format: string;
}
interface BarcodeDetectorInstance {
  detect: (source: ImageBitmapSource) => Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options?: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats: () => Promise<string[]>;
}

/** The browser's BarcodeDetector class, when it has one that reads all of `formats`. */
async function nativeDetector(formats: readonly ScanFormat[]): Promise<BarcodeDetectorClass | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (typeof Detector !== 'function') return null;
  const supported = await Detector.getSupportedFormats().catch(() => [] as string[]);
  return formats.every((f) => supported.includes(f)) ? Detector : null;
}

/** Whether the browser reads `formats` itself (no WebAssembly decoder needed). */
export async function readsNatively(formats: readonly ScanFormat[]): Promise<boolean> {
  return (await nativeDetector(formats)) !== null;
}

/** The browser's BarcodeDetector, when it reads all of `formats`. */
async function nativeDecoder(formats: readonly ScanFormat[]): Promise<Decoder | null> {
  const Detector = await nativeDetector(formats);
  if (!Detector) return null;
  const detector = new Detector({ formats: [...formats] });
  return {
    kind: 'native',
    async decode(source) {
      let bitmap: ImageBitmap | null = null;
      try {
        const input: ImageBitmapSource =
          source instanceof Blob ? (bitmap = await createImageBitmap(source)) : source;
        const found = await detector.detect(input);
        const first = found.find((b) => b.rawValue);
        return first ? { text: first.rawValue, format: first.format } : null;
      } finally {
        bitmap?.close();
      }
    },
  };
}

/** The decoder for `formats`: the browser's own when it can, the WebAssembly one otherwise. */
export async function createDecoder(formats: readonly ScanFormat[]): Promise<Decoder> {
  const native = await nativeDecoder(formats);
  if (native) return native;
  const { wasmDecoder } = await import('./wasm-decoder');
  return wasmDecoder(formats);
}
