export function e2eDatabaseKind(env?: Record<string, string | undefined>): 'pglite' | 'postgres';
export function e2ePostgres(
  port: number | string,
  env?: Record<string, string | undefined>,
): { name: string; url: string; serverUrl: string };
