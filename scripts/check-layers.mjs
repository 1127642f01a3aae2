#!/usr/bin/env node
/**
 * `npm run lint:layers` (part of the lint stage of `npm test`): the layer rules of
 * ARCHITECTURE.md, checked by dependency-cruiser against .dependency-cruiser.cjs, plus one rule
 * dependency-cruiser cannot say on its own: the domains under src/features import each other
 * without a circle, whichever of their files the imports run through (a module-level cycle
 * check misses A/components -> B/components -> A/index.ts).
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

const checked = `${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports`;
if (failed) {
  console.log(
    `\nlayers: ${result.summary.error} rule violations, ${circles.length} domain circles (${checked})`,
  );
  process.exit(1);
}
console.log(`layers: no violations (${checked}, ${edges.size} domains importing others, no circle)`);
