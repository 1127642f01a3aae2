#!/usr/bin/env node
/**
 * `npm run lint:layers` (part of the lint stage of `npm test`): the layer rules of
 * ARCHITECTURE.md, checked by dependency-cruiser against .dependency-cruiser.cjs, plus one rule
 * dependency-cruiser cannot say on its own: the domains under src/features import each other
 * without a circle, whichever of their files the imports run through (a module-level cycle
 * check misses A/components -> B/components -> A/index.ts).
 *
 * And one that Next imposes: no page or layout may reach react-dom/server (the e-mail renderer)
 * through its imports, or the build fails (the module throws in the React Server Components
 * layer). A domain's server/index.ts is reachable from pages; changes that send e-mail are
 * exported from server/commands.ts instead.
 *
 * Prints each violation and exits 1 when there is any.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = extractTSConfig('tsconfig.json');
const { output: result } = await cruise(['src'], options, undefined, { tsConfig });

let failed = result.summary.error > 0;
if (failed) {
  const { output } = await format(result, { outputType: 'err' });
  process.stdout.write(output);
}

/** The domain a module belongs to, or null outside src/features. */
const domainOf = (source) => /^src\/features\/([^/]+)\//.exec(source)?.[1] ?? null;

// domain -> domain -> one example import, for the message
const edges = new Map();
for (const mod of result.modules) {
  const from = domainOf(mod.source);
  if (!from) continue;
  for (const dep of mod.dependencies) {
    const to = domainOf(dep.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const targets = edges.get(from);
    if (!targets.has(to)) targets.set(to, `${mod.source} -> ${dep.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of more than one domain is a circle
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
let counter = 0;
function visit(v) {
  index.set(v, counter);
  low.set(v, counter);
  counter++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) {
      low.set(v, Math.min(low.get(v), index.get(w)));
    }
  }
  if (low.get(v) === index.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component.sort());
  }
}
for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);

for (const circle of circles) {
  failed = true;
  console.log(
    `\n  error no-domain-cycles: these domains import each other in a circle: ${circle.join(', ')}`,
  );
  for (const from of circle) {
    for (const [to, example] of edges.get(from) ?? []) {
      if (circle.includes(to)) console.log(`      ${from} -> ${to} (e.g. ${example})`);
    }
  }
}

// pages must not reach react-dom/server (type-only imports are erased, so they do not count)
const graph = new Map(
  result.modules.map((m) => [
    m.source,
    m.dependencies.filter((d) => !d.dependencyTypes.includes('type-only')).map((d) => d.resolved),
  ]),
);
const renderers = new Set(
  result.modules
    .filter((m) => m.dependencies.some((d) => d.module === 'react-dom/server'))
    .map((m) => m.source),
);
const pageRoots = result.modules.map((m) => m.source).filter((s) => s.startsWith('src/app/'));
const pageLeaks = [];
for (const root of pageRoots) {
  const previous = new Map([[root, null]]);
  const queue = [root];
  while (queue.length > 0) {
    const at = queue.shift();
    if (renderers.has(at)) {
      const path = [];
      for (let p = at; p; p = previous.get(p)) path.unshift(p);
      pageLeaks.push(path);
      break;
    }
    for (const next of graph.get(at) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
}
for (const path of pageLeaks) {
  failed = true;
  console.log(`\n  error pages-never-reach-react-dom-server: ${path[0]}`);
  console.log(`      ${path.join(' →\n      ')}`);
}

const checked = `${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports`;
if (failed) {
  console.log(
    `\nlayers: ${result.summary.error} rule violations, ${circles.length} domain circles, ` +
      `${pageLeaks.length} pages reaching react-dom/server (${checked})`,
  );
  process.exit(1);
}
console.log(`layers: no violations (${checked}, ${edges.size} domains importing others, no circle)`);
