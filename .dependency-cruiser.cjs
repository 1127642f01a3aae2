/**
 * The layer rules of ARCHITECTURE.md, checked in the lint stage of `npm test`
 * (`npm run lint:layers`). A new violation fails the run.
 *
 *   pages (src/app) ─► features ─► infrastructure (src/server) ─► env
 *                         │
 *                         └────► design-system primitives (src/components)
 *
 * - The entry (src/server/main.ts, api-server.ts, worker.ts, migrate.ts and src/server/entry/) is the
 *   composition root: it alone wires domains to infrastructure (routes, workers, seeds, hooks).
 * - A domain reaches another only through its public surface: `index.ts` (shared pure code,
 *   light enough for the browser), `schemas.ts` (its zod schemas and their types),
 *   `server/index.ts` (server side, safe to reach from pages), `server/commands.ts` (its
 *   changes that send e-mail) or `components/index.ts` (React side).
 */
const ENTRY = '^src/server/(main|api-server|worker|migrate)\\.ts$|^src/server/entry/';
/** A domain's code that may run in the browser: its components and its top-level files (not api). */
const SHARED_CODE = '^src/features/[^/]+/(components/|(?!api)[^/]+\\.tsx?$)';
const PUBLIC_SURFACE =
  '^src/features/[^/]+/(index|schemas|server/index|server/commands|components/index)\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles: "after X happened" flows through events or hooks wired by the entry.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-knows-no-domain',
      severity: 'error',
      comment: 'src/server (the entry aside) never imports a feature, a page or a UI component.',
      from: { path: '^src/server/', pathNot: ENTRY },
      to: { path: '^src/(features|app|components)/' },
    },
    {
      name: 'nothing-imports-the-entry',
      severity: 'error',
      comment: 'The entry composes everything, so nothing may import it back.',
      from: { path: '^src/', pathNot: ENTRY },
      to: { path: ENTRY },
    },
    {
      name: 'features-never-import-pages',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'primitives-know-no-domain',
      severity: 'error',
      comment: 'src/components holds design-system primitives: no domain, no server code, no pages.',
      from: { path: '^src/components/' },
      to: { path: '^src/(features|server|app)/|^src/env\\.ts$' },
    },
    {
      name: 'domains-through-public-surface',
      severity: 'error',
      comment:
        'A domain imports another only through index.ts, server/index.ts or components/index.ts ' +
        'of that domain; its other files are internals.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', PUBLIC_SURFACE] },
    },
    {
      name: 'api-routes-only-from-the-entry',
      severity: 'error',
      comment: "A domain's Hono routes are mounted by the entry; other code calls its server functions.",
      from: { path: '^src/', pathNot: [ENTRY, '^src/features/([^/]+)/api'] },
      to: { path: '^src/features/[^/]+/api(\\.ts$|/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-code-imports-no-server-code',
      severity: 'error',
      comment:
        "React components and a domain's shared files run in the browser too: they may take " +
        'types from server code, never values.',
      from: { path: SHARED_CODE, pathNot: '\\.test\\.tsx?$' },
      to: {
        path: '^src/server/|^src/features/[^/]+/server/|^src/env\\.ts$',
        // the database schema's enum lists, which the zod schemas are built from
        pathNot: '^src/server/db/schema/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'browser-code-imports-no-node-builtins',
      severity: 'error',
      comment: "A domain's shared files and components are bundled for the browser: no node: modules.",
      from: { path: SHARED_CODE, pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'browser-code-takes-only-types-from-other-schemas',
      severity: 'error',
      comment:
        "Another domain's schemas.ts holds zod schemas: importing a value from it puts zod (and its " +
        'eval probe, which the CSP refuses) into the browser bundle. Take its types, and constants ' +
        'from its index.ts.',
      from: { path: '^src/features/([^/]+)/components/' },
      to: {
        path: '^src/features/[^/]+/schemas\\.ts$',
        pathNot: '^src/features/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-index-holds-no-schemas',
      severity: 'error',
      comment:
        "A domain's index.ts is imported by browser code: it re-exports no zod schema (use schemas.ts).",
      from: { path: '^src/features/[^/]+/index\\.ts$' },
      to: { path: '^src/features/[^/]+/schemas\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-index-is-not-server',
      severity: 'error',
      comment: "A domain's index.ts is shared with the browser; server code goes in server/index.ts.",
      from: { path: '^src/features/[^/]+/index\\.ts$' },
      to: { path: '^src/features/[^/]+/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/server/db/migrations/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
