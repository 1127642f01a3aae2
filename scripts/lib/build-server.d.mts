export const SERVER_ENTRIES: string[];
export const SERVER_OUT_DIR: string;
export function compiledEntry(root: string, entry: string): string;
export function entryArgs(root: string, entry: string, fresh?: boolean): string[];
export function buildServer(root: string): Promise<void>;
