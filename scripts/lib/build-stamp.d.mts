export function sourceHash(root: string): string;
export function buildIsFresh(root: string): boolean;
export function writeStamp(root: string): void;
