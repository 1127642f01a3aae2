'use client';
/**
 * Barcode decoding in the browser: the browser's own `BarcodeDetector` where it has one that
 * reads every format asked for (Android, ChromeOS, macOS Chrome), otherwise zxing-wasm, a
 * WebAssembly build of zxing-cpp, loaded only when a scanner opens (./wasm-decoder.ts) from the
 * app's own /scanner/<version>/zxing_reader.wasm.
 */

/** Format names as the Barcode Detection API spells them (the scanner's results use these too). */
export type ScanFormat =
  'qr_code' | 'data_matrix' | 'code_128' | 'code_39' | 'ean_13' | 'ean_8' | 'upc_a' | 'itf';

export const MATRIX_FORMATS: readonly ScanFormat[] = ['qr_code', 'data_matrix'];
export const LINEAR_FORMATS: readonly ScanFormat[] = [
  'code_128',
  'code_39',
  'ean_13',
  'ean_8',
  'upc_a',
  'itf',
];

export function isLinear(format: string): boolean {
  return (LINEAR_FORMATS as readonly string[]).includes(format);
}

export interface ScanResult {
  text: string;
  format: ScanFormat | string;
}

/** What a frame or a photo can be read from. */
export type ScanSource = HTMLVideoElement | Blob;

export interface Decoder {
  kind: 'native' | 'wasm';
  /** The first code found, or null. */
  decode: (source: ScanSource) => Promise<ScanResult | null>;
}

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
