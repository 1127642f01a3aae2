/** The scanner domain's React side: what other domains and pages may use. */
export { BarcodeScanner } from './barcode-scanner';
export { ScanPage } from './scan-page';
export { ScanFieldButton } from './scan-field-button';
export type { ScanFormat, ScanResult } from './decoders';
export { ScannerWarmUp } from './scanner-warm-up';
