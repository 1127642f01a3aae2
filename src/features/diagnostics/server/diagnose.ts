/**
 * A diagnosis from the customer's own words: the local model ranks the 16 labels (15 fault
 * categories and `unknown`) by calibrated probability; each likely category comes with the
 * catalogue's repairs, priced by the pricing engine when the model is known. The safety rules
 * (urgency.ts), the photo checks and, when configured, a provider's second opinion join it.
 *
 * The provider's opinion, when it answers, is blended in with a fixed weight (PROVIDER_WEIGHT of
 * the probability mass moves to its label), so it can reorder close calls but a confident local
 * answer stays first; `source` says whether that happened, `secondOpinion` what it said.
 */
import type { Db } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { loadCatalog } from '@/features/catalog/server';
import { formatMoney } from '@/features/pricing';
import { classifyFault, notSureThreshold } from './classify-fault';
import { askSecondOpinion } from './second-opinion';
import { assessUrgency } from './urgency';
import { repairsOf } from './price-repairs';
import { checkDiagnosePhotos } from './photo-checks';
import { FREE_DIAGNOSTIC_REPAIR } from '../repair-map';
import type { DiagnoseRequest, Diagnosis } from '../schemas';

/** At most this many candidates, each (after the first) at least CANDIDATE_MIN likely. */
export const MAX_CANDIDATES = 3;
export const CANDIDATE_MIN = 0.1;
/** Alternatives: the next labels down, at least ALTERNATIVE_MIN likely. */
export const MAX_ALTERNATIVES = 3;
export const ALTERNATIVE_MIN = 0.01;
/** Share of the probability mass a provider's answer moves to its label. */
export const PROVIDER_WEIGHT = 0.35;

interface Scored {
  label: string;
  probability: number;
}

const round = (p: number) => Math.round(p * 10_000) / 10_000;

/** (1 - w) * local + w * one-hot(provider label), re-sorted. Still sums to 1. */
export function blendOpinion(local: readonly Scored[], label: string, weight = PROVIDER_WEIGHT): Scored[] {
  return local
    .map((s) => ({
      label: s.label,
      probability: (1 - weight) * s.probability + (s.label === label ? weight : 0),
    }))
    .sort((a, b) => b.probability - a.probability);
}

function adviceFor(price: { amount: number; currency: string } | null | undefined): string {
  const check =
    price === undefined || price === null
      ? 'a diagnostic check'
      : price.amount === 0
        ? 'a free diagnostic check'
        : `a diagnostic check (${formatMoney(price.amount, price.currency)})`;
  return `We can't tell the fault from this description with confidence. Book ${check}: a technician tests the device and quotes before any work starts.`;
}

export async function diagnose(db: Db, input: DiagnoseRequest, now = new Date()): Promise<Diagnosis> {
  const snapshot = await loadCatalog(db);
  const model = input.modelSlug ? snapshot.modelsBySlug.get(input.modelSlug) : undefined;
  if (input.modelSlug && !model) {
    throw new DomainError('VALIDATION_FAILED', 'Unknown device model.', [
      { path: 'modelSlug', message: `No device model "${input.modelSlug}".` },
    ]);
  }
  const [local, opinion, photoChecks] = await Promise.all([
    classifyFault(input.description),
    askSecondOpinion(input.description, model?.name ?? null),
    checkDiagnosePhotos(input.photos ?? []),
  ]);
  const ranked = opinion ? blendOpinion(local, opinion.category) : [...local];
  const top = ranked[0];
  if (!top) throw new Error('The fault classifier answered no labels.');
  const notSure = top.label === 'unknown' || top.probability < notSureThreshold;

  const picked = ranked.filter((s, i) => i === 0 || (i < MAX_CANDIDATES && s.probability >= CANDIDATE_MIN));
  const modelSlug = model?.slug ?? null;
  const candidates = picked.map((s) => ({
    category: s.label,
    probability: round(s.probability),
    repairs: repairsOf(snapshot, s.label, modelSlug, now),
  }));
  const alternatives = ranked
    .slice(picked.length, picked.length + MAX_ALTERNATIVES)
    .filter((s) => s.probability >= ALTERNATIVE_MIN)
    .map((s) => ({ category: s.label, probability: round(s.probability) }));
  const diagnostic = notSure ? repairsOf(snapshot, 'unknown', modelSlug, now)[0] : undefined;

  return {
    candidates,
    notSure,
    advice: notSure
      ? adviceFor(diagnostic?.slug === FREE_DIAGNOSTIC_REPAIR ? diagnostic.price : undefined)
      : null,
    urgency: assessUrgency(input.description, ranked),
    alternatives,
    source: opinion ? 'provider' : 'local',
    secondOpinion: opinion
      ? { category: opinion.category, agrees: opinion.category === local[0]?.label, reason: opinion.reason }
      : null,
    photoChecks,
  };
}
