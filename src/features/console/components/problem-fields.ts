import type { ProblemBody } from '@/components/api-problem';

/** Field messages of a problem+json answer, keyed by their path ("customer.email", "passcode"). */
export function fieldErrors(problem: ProblemBody | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) if (!(e.path in out)) out[e.path] = e.message;
  return out;
}

/** Props that wire an input to its error text (see components/ui/input.tsx `Field`). */
export function errorProps(id: string, error: string | undefined, hint = false) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}
