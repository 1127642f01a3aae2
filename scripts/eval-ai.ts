/**
 * `npm run eval:ai [-- --only diagnostics|intents]`: measures each committed model of
 * src/server/entry/ai-models.ts on its held-out split (texts written separately, never trained
 * on) and exits 1 when a figure misses its target. Prints top-1 and top-3 accuracy, the share
 * of off-topic texts answered "not sure" (and of fault texts wrongly so), latency per answer
 * (p50, p95, one text at a time, after the load) and the load time.
 */
import fs from 'node:fs';
import { loadTextClassifier, type LabelScore } from '@/server/ai/text-classifier';
import type { AiModelSpec } from '@/server/entry/ai-models';
import { readExamples, selectedModels } from './lib/ai-data';

const argv = process.argv.slice(2);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function notSure(spec: AiModelSpec, scores: LabelScore[]): boolean {
  const top = scores[0];
  if (!top) return true;
  return top.label === spec.unknownLabel || top.probability < (spec.notSureThreshold ?? 0);
}

async function evaluate(spec: AiModelSpec): Promise<boolean> {
  if (!fs.existsSync(spec.heldoutPath)) {
    console.log(`${spec.name}: FAIL no held-out split at ${spec.heldoutPath}`);
    return false;
  }
  const heldout = await readExamples(spec.heldoutPath, spec.labels);
  const loadStarted = performance.now();
  const classifier = await loadTextClassifier(spec.artefactPath);
  const loadMs = performance.now() - loadStarted;
  let top1 = 0;
  let top3 = 0;
  let unknownTotal = 0;
  let unknownNotSure = 0;
  let faultTotal = 0;
  let faultNotSure = 0;
  const latencies: number[] = [];
  const confusions = new Map<string, number>();
  for (const { text, label } of heldout) {
    const started = performance.now();
    const scores = await classifier.classify(text);
    latencies.push(performance.now() - started);
    const rank = scores.findIndex((s) => s.label === label);
    if (rank === 0) top1++;
    else {
      const key = `${label} -> ${scores[0]?.label}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    if (rank >= 0 && rank < 3) top3++;
    if (spec.unknownLabel) {
      if (label === spec.unknownLabel) {
        unknownTotal++;
        if (notSure(spec, scores)) unknownNotSure++;
      } else {
        faultTotal++;
        if (notSure(spec, scores)) faultNotSure++;
      }
    }
  }
  latencies.sort((a, b) => a - b);
  const n = heldout.length;
  const figures = {
    top1: top1 / n,
    top3: top3 / n,
    notSure: unknownTotal ? unknownNotSure / unknownTotal : NaN,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
  };
  const t = spec.targets;
  const checks: [string, boolean][] = [
    [`top-1 ${pct(figures.top1)} (target >= ${pct(t.top1)})`, figures.top1 >= t.top1],
  ];
  if (t.top3 !== undefined)
    checks.push([`top-3 ${pct(figures.top3)} (target >= ${pct(t.top3)})`, figures.top3 >= t.top3]);
  if (t.notSure !== undefined) {
    checks.push([
      `not sure on ${spec.unknownLabel} ${pct(figures.notSure)} of ${unknownTotal} (target >= ${pct(t.notSure)})`,
      figures.notSure >= t.notSure,
    ]);
  }
  if (t.p50Ms !== undefined)
    checks.push([`p50 ${figures.p50Ms.toFixed(2)} ms (target < ${t.p50Ms})`, figures.p50Ms < t.p50Ms]);
  if (t.p95Ms !== undefined)
    checks.push([`p95 ${figures.p95Ms.toFixed(2)} ms (target < ${t.p95Ms})`, figures.p95Ms < t.p95Ms]);
  const ok = checks.every(([, pass]) => pass);
  console.log(`${spec.name}: ${ok ? 'PASS' : 'FAIL'} on ${n} held-out texts (load ${loadMs.toFixed(0)} ms)`);
  for (const [line, pass] of checks) console.log(`  ${pass ? 'ok  ' : 'MISS'} ${line}`);
  if (spec.unknownLabel)
    console.log(
      `       fault texts answered "not sure": ${pct(faultTotal ? faultNotSure / faultTotal : 0)} of ${faultTotal}`,
    );
  if (argv.includes('--verbose')) {
    for (const [pair, count] of [...confusions].sort((a, b) => b[1] - a[1]))
      console.log(`       ${count} x ${pair}`);
  }
  return ok;
}

async function main() {
  let ok = true;
  for (const spec of selectedModels(argv)) ok = (await evaluate(spec)) && ok;
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
