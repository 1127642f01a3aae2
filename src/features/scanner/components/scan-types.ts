/** The scanner's formats, results and decoder shape (shared by ./decoders.ts and ./wasm-decoder.ts). */

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
