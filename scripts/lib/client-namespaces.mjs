/**
 * Which message namespaces the client components under each messages scope use (see
 * src/i18n/client-messages.ts): read from the source, by following imports.
 *
 * A scope is opened by a layout that wraps everything it renders in
 * `<ClientMessages scope="name">` (the root layout opens "root"). Every route file (page, layout,
 * template, loading, error, not-found, default) belongs to the nearest such layout at or above
 * its folder. From a scope's files the imports are followed (relative and `@/` ones; packages
 * are not); a file is client code when it says 'use client' or is imported by client code, and
 * every `useTranslations('ns')` in client code is a namespace the scope's browsers need.
 * `useTranslations()` with no namespace needs the file to list what it reads in a comment:
 * `// client-namespaces: a, b.c`.
 *
 * `node scripts/lib/client-namespaces.mjs` prints each scope's namespaces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(root, 'src');
const APP = path.join(SRC, 'app');
const ROUTE_FILE = /^(page|layout|template|loading|error|not-found|default|global-error)\.tsx?$/;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
const USE_T = /useTranslations\(\s*(?:'([^']*)'|"([^"]*)")?\s*\)/g;
const DECLARED = /client-namespaces:\s*([\w.,\s]+)/;
const SCOPE = /<ClientMessages\s+scope=["']([\w-]+)["']/;

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function resolveImport(from, spec) {
  let base;
  if (spec.startsWith('@/')) base = path.join(SRC, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null;
  if (/\.(tsx?|mjs|js|json|css|svg|png)$/.test(base))
    return /\.tsx?$/.test(base) && isFile(base) ? base : null;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  return null;
}

const parsed = new Map();
function parse(file) {
  let info = parsed.get(file);
  if (info) return info;
  const text = fs.readFileSync(file, 'utf8');
  const imports = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
    if (target) imports.push(target);
  }
  const namespaces = [];
  for (const m of text.matchAll(USE_T)) {
    const ns = m[1] ?? m[2];
    if (ns) namespaces.push(ns);
    else {
      const declared = DECLARED.exec(text)?.[1];
      if (!declared)
        throw new Error(
          `${path.relative(root, file)}: useTranslations() without a namespace and no "client-namespaces:" comment`,
        );
      namespaces.push(
        ...declared
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    }
  }
  const isClient = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*\s*['"]use client['"]/.test(text);
  info = { imports, namespaces, isClient, scope: SCOPE.exec(text)?.[1] ?? null };
  parsed.set(file, info);
  return info;
}

/** The client namespaces reached from these entry files (server files are walked through). */
export function namespacesFrom(entries) {
  const seen = new Set(); // `${client}:${file}`
  const found = new Map(); // namespace -> first file that uses it
  const stack = entries.map((file) => ({ file, client: false }));
  while (stack.length) {
    const { file, client: parentClient } = stack.pop();
    const info = parse(file);
    const client = parentClient || info.isClient;
    const key = `${client}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (client)
      for (const ns of info.namespaces) if (!found.has(ns)) found.set(ns, path.relative(root, file));
    for (const next of info.imports) stack.push({ file: next, client });
  }
  return found;
}

function walkApp(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkApp(full, out);
    else if (ROUTE_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** The scope a route file belongs to: the nearest layout at or above its folder that opens one. */
function scopeOf(file) {
  for (let dir = path.dirname(file); dir.startsWith(APP); dir = path.dirname(dir)) {
    for (const name of ['layout.tsx', 'layout.ts']) {
      const layout = path.join(dir, name);
      if (fs.existsSync(layout)) {
        const scope = parse(layout).scope;
        if (scope) return scope;
      }
    }
  }
  return null;
}

/**
 * scope -> { files: route files in it, namespaces: Map(namespace -> a file using it) }; route
 * files under no scope are listed under the key "".
 */
export function clientNamespacesByScope() {
  const files = new Map();
  for (const file of walkApp(APP)) {
    const scope = scopeOf(file) ?? '';
    files.set(scope, [...(files.get(scope) ?? []), file]);
  }
  const out = new Map();
  for (const [scope, list] of files) {
    out.set(scope, { files: list.map((f) => path.relative(root, f)), namespaces: namespacesFrom(list) });
  }
  return out;
}

/** True when `namespace` (dotted) is inside one of `picked` (a picked "a" covers "a.b"). */
export function isCovered(namespace, picked) {
  return picked.some((p) => namespace === p || namespace.startsWith(`${p}.`));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [scope, { files, namespaces }] of clientNamespacesByScope()) {
    console.log(`${scope || '(no scope)'}: ${files.length} route files`);
    console.log(`  ${[...namespaces.keys()].sort().join(', ') || '(none)'}`);
  }
}
