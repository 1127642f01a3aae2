export interface FirstLoadJs {
  scripts: number;
  /** each script: its URL and gzipped size */
  files: Array<{ src: string; gzipKb: number }>;
  rawKb: number;
  gzipKb: number;
  htmlGzipKb: number;
}
export function firstLoadJs(base: string, pathname: string, init?: RequestInit): Promise<FirstLoadJs>;
