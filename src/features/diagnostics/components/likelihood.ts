/** A probability in words for customers ("very likely"), the key under `diagnose.likelihood`. */
export type Likelihood = 'veryLikely' | 'likely' | 'possible' | 'unlikely';

export function likelihoodOf(probability: number): Likelihood {
  if (probability >= 0.7) return 'veryLikely';
  if (probability >= 0.4) return 'likely';
  if (probability >= 0.15) return 'possible';
  return 'unlikely';
}

/** A second candidate this likely is preselected with the first (several problems in one message). */
export const PRESELECT_MIN = 0.3;

/** The repairs to preselect: the top candidate's, and any other candidate's at PRESELECT_MIN or more. */
export function preselectedRepairs(
  candidates: ReadonlyArray<{ probability: number; repairs: ReadonlyArray<{ slug: string }> }>,
): string[] {
  const slugs = candidates
    .filter((c, i) => i === 0 || c.probability >= PRESELECT_MIN)
    .flatMap((c) => c.repairs.map((r) => r.slug));
  return [...new Set(slugs)];
}
