import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';
import { describe, expect, it } from 'vitest';
import { cn } from './cn';

/**
 * cn() merges without tailwind-merge (out of the browser's first load): it must answer as
 * tailwind-merge does for every class list written in src/, alone and after the design-system
 * primitives' own classes (what a caller's className overrides), and for lists combined at random.
 */
const SRC = path.resolve(import.meta.dirname, '../..');
const CLASS = /^[!-]?[a-z@[(*][\w:[\]()/.%=#&>*!,'-]*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/**
 * Every string in a file that reads as a class list: className="…" anywhere, and the quoted
 * strings of the files that call cn() (its arguments, their maps of variants).
 */
function classLists(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const usesCn = /\bcn\(/.test(text) && !file.endsWith(`${path.sep}cn.ts`);
  const found = [...text.matchAll(/className="([^"]+)"|'([^'\n]+)'|`([^`$\n]+)`/g)]
    .filter((m) => m[1] !== undefined || usesCn)
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
    .filter((s) => !s.startsWith('@/') && !s.startsWith('./'));
  return found.filter((s) => {
    const tokens = s.trim().split(/\s+/);
    return tokens.length > 0 && tokens.every((t) => CLASS.test(t)) && tokens.some((t) => t.includes('-'));
  });
}

const files = sourceFiles(SRC);
const corpus = [...new Set(files.flatMap(classLists))];
const primitives = [
  ...new Set(
    files.filter((f) => f.includes(`${path.sep}components${path.sep}ui${path.sep}`)).flatMap(classLists),
  ),
];

// 40,000 merges each through both: seconds on a loaded machine
describe('cn', { timeout: 60_000 }, () => {
  it('finds the class lists it is checked on', () => {
    expect(corpus.length).toBeGreaterThan(500);
    expect(primitives.length).toBeGreaterThan(10);
  });

  it('merges like tailwind-merge: the classic overrides', () => {
    expect(cn('h-11 px-4 text-base', 'h-12 px-6')).toBe('text-base h-12 px-6');
    expect(cn('p-5 sm:p-6', 'p-0')).toBe('sm:p-6 p-0');
    expect(cn('px-3 py-2', 'p-4')).toBe('p-4');
    expect(cn('p-4', 'px-2')).toBe('p-4 px-2');
    expect(cn('text-slate-900 text-base', 'text-sm text-red-700')).toBe('text-sm text-red-700');
    expect(cn('border border-slate-300', 'border-2 border-red-600')).toBe('border-2 border-red-600');
    expect(cn('bg-white hover:bg-slate-50', 'bg-brand')).toBe('hover:bg-slate-50 bg-brand');
    expect(cn('block', false, null, undefined, { hidden: true })).toBe('hidden');
    expect(cn('mystery-class', 'mystery-class other')).toBe('mystery-class mystery-class other');
  });

  it('answers as tailwind-merge for every class list in src/', () => {
    const wrong = corpus.filter((c) => cn(c) !== twMerge(clsx(c)));
    expect(wrong.map((c) => [c, cn(c), twMerge(c)])).toEqual([]);
  });

  it("answers as tailwind-merge for each primitive's classes followed by any list in src/", () => {
    const wrong: string[][] = [];
    for (const base of primitives)
      for (const extra of corpus) {
        const want = twMerge(clsx(base, extra));
        if (cn(base, extra) !== want) wrong.push([base, extra, cn(base, extra), want]);
      }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('answers as tailwind-merge for lists of src/ combined at random', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % corpus.length;
    const wrong: string[][] = [];
    for (let i = 0; i < 10_000; i++) {
      const [a, b] = [corpus[next()]!, corpus[next()]!];
      const want = twMerge(clsx(a, b));
      if (cn(a, b) !== want) wrong.push([a, b, cn(a, b), want]);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
