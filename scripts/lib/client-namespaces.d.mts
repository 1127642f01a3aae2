export function namespacesFrom(entries: string[]): Map<string, string>;
export function clientNamespacesByScope(): Map<string, { files: string[]; namespaces: Map<string, string> }>;
export function isCovered(namespace: string, picked: readonly string[]): boolean;
