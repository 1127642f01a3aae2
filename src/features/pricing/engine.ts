/**
 * Pricing engine: turns a list of repairs + an urgency tier into a priced, VAT-inclusive quote.
 *
 * Pure and deterministic: no I/O, no clock reads (`now` is a parameter), inputs are never
 * mutated. All money is integer minor units (pence); every percentage is applied with
 * `applyBasisPoints` (exact integer maths, rounded half away from zero — see money.ts).
 */
import { BP_SCALE, applyBasisPoints, isSafeMinor, splitVatInclusive } from './money';

export const URGENCY_TIERS = ['standard', 'express', 'same_day'] as const;
export type UrgencyTier = (typeof URGENCY_TIERS)[number];

export interface PricingConfig {
  /** ISO 4217 code, e.g. 'GBP'. */
  currency: string;
  /** VAT rate in basis points (2000 = 20%). Prices are VAT-inclusive; this is for the split. */
  vatRateBp: number;
  /** Surcharge on the discounted repairs subtotal; `standard` must be 0 / 0. */
  urgency: Record<UrgencyTier, { surchargeBp: number; minimumMinor: number }>;
  /** Discount applied to every repair line except the most expensive one (1000 = 10%). */
  multiRepairDiscountBp: number;
  /** How long a quote stays valid, in whole days (24h periods) from issue. */
  quoteValidityDays: number;
}

export const DEFAULT_PRICING_CONFIG: PricingConfig = Object.freeze({
  currency: 'GBP',
  vatRateBp: 2000,
  urgency: Object.freeze({
    standard: Object.freeze({ surchargeBp: 0, minimumMinor: 0 }),
    express: Object.freeze({ surchargeBp: 2500, minimumMinor: 1500 }),
    same_day: Object.freeze({ surchargeBp: 5000, minimumMinor: 2500 }),
  }),
  multiRepairDiscountBp: 1000,
  quoteValidityDays: 14,
});

export interface QuoteLineInput {
  repairSlug: string;
  repairName: string;
  /** VAT-inclusive, integer minor units. */
  partsMinor: number;
  /** VAT-inclusive, integer minor units. */
  labourMinor: number;
  warrantyDays: number;
  turnaroundHours: number;
}

export interface QuoteInput {
  lines: QuoteLineInput[];
  urgency: UrgencyTier;
}

export interface QuoteLine extends QuoteLineInput {
  /** parts + labour */
  grossMinor: number;
  /** >= 0, the multi-repair discount on this line */
  discountMinor: number;
  /** gross - discount */
  totalMinor: number;
}

export interface Quote {
  currency: string;
  /** Same order as the input. */
  lines: QuoteLine[];
  /** Sum of line gross amounts. */
  subtotalMinor: number;
  /** Sum of line discounts. */
  discountMinor: number;
  urgency: UrgencyTier;
  urgencySurchargeMinor: number;
  /** VAT-inclusive grand total = subtotal - discount + surcharge. */
  totalMinor: number;
  /** net + vat === total; net = round(total * 10000 / (10000 + rate)). */
  vat: { rateBp: number; netMinor: number; vatMinor: number };
  /** Minimum warranty across lines (see `combineWarrantyDays`). */
  warrantyDays: number;
  /** Promised turnaround for the whole job (see `combineTurnaroundHours`). */
  turnaroundHours: number;
  /** ISO 8601 (UTC). */
  issuedAt: string;
  /** issuedAt + quoteValidityDays * 24h, ISO 8601 (UTC). */
  expiresAt: string;
}

export type PricingErrorCode =
  | 'NO_LINES'
  | 'DUPLICATE_REPAIR'
  | 'INVALID_AMOUNT'
  /** Malformed non-amount input: unknown urgency, blank slug, invalid `now`. */
  | 'INVALID_INPUT'
  /** The PricingConfig itself is out of range. */
  | 'INVALID_CONFIG';

export class PricingError extends Error {
  readonly code: PricingErrorCode;

  constructor(code: PricingErrorCode, message: string) {
    super(message);
    this.name = 'PricingError';
    this.code = code;
  }
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Upper bound for quote validity; keeps expiry dates sane and representable. */
export const MAX_QUOTE_VALIDITY_DAYS = 365;
/** Same-day jobs are never promised later than this many hours. */
export const SAME_DAY_MAX_HOURS = 8;

export function isUrgencyTier(value: unknown): value is UrgencyTier {
  return typeof value === 'string' && (URGENCY_TIERS as readonly string[]).includes(value);
}

function isBp(value: unknown): value is number {
  return isSafeMinor(value) && value >= 0 && value <= BP_SCALE;
}

function isNonNegativeInt(value: unknown): value is number {
  return isSafeMinor(value) && value >= 0;
}

/**
 * Validate a config. Rules: currency is a well-formed ISO 4217 code (3 upper-case letters); every bp
 * value is an integer in [0, 10000]; minimums are non-negative safe integers; `standard`
 * carries no surcharge (0 bp, 0 minimum); validity is an integer in [1, 365] days.
 * Throws PricingError('INVALID_CONFIG').
 */
export function validatePricingConfig(config: PricingConfig): void {
  const fail = (msg: string): never => {
    throw new PricingError('INVALID_CONFIG', msg);
  };
  if (typeof config !== 'object' || config === null) fail('config must be an object');
  if (typeof config.currency !== 'string' || !/^[A-Z]{3}$/.test(config.currency)) {
    fail(`currency must be a 3-letter ISO 4217 code, got ${String(config.currency)}`);
  }
  if (!isBp(config.vatRateBp)) fail(`vatRateBp must be an integer in [0, 10000]`);
  if (!isBp(config.multiRepairDiscountBp)) {
    fail(`multiRepairDiscountBp must be an integer in [0, 10000]`);
  }
  if (typeof config.urgency !== 'object' || config.urgency === null) fail('urgency missing');
  for (const tier of URGENCY_TIERS) {
    const t = config.urgency[tier];
    if (typeof t !== 'object' || t === null) fail(`urgency.${tier} missing`);
    if (!isBp(t.surchargeBp)) fail(`urgency.${tier}.surchargeBp must be in [0, 10000]`);
    if (!isNonNegativeInt(t.minimumMinor)) {
      fail(`urgency.${tier}.minimumMinor must be a non-negative integer`);
    }
  }
  if (config.urgency.standard.surchargeBp !== 0 || config.urgency.standard.minimumMinor !== 0) {
    fail('urgency.standard must have surchargeBp 0 and minimumMinor 0');
  }
  if (
    !isSafeMinor(config.quoteValidityDays) ||
    config.quoteValidityDays < 1 ||
    config.quoteValidityDays > MAX_QUOTE_VALIDITY_DAYS
  ) {
    fail(`quoteValidityDays must be an integer in [1, ${MAX_QUOTE_VALIDITY_DAYS}]`);
  }
}

/**
 * Validate the quote input. Rules: at least one line (NO_LINES); urgency is a known tier and
 * every line is an object with a string repairName and a non-blank repairSlug
 * (INVALID_INPUT); slugs are unique, compared exactly (DUPLICATE_REPAIR); parts, labour,
 * warrantyDays and turnaroundHours are non-negative safe integers (INVALID_AMOUNT). Zero-priced lines (e.g. a free diagnostic) are allowed.
 */
export function validateQuoteInput(input: QuoteInput): void {
  if (typeof input !== 'object' || input === null || !Array.isArray(input.lines)) {
    throw new PricingError('INVALID_INPUT', 'input.lines must be an array');
  }
  if (input.lines.length === 0) throw new PricingError('NO_LINES', 'a quote needs at least one line');
  if (!isUrgencyTier(input.urgency)) {
    throw new PricingError('INVALID_INPUT', `unknown urgency tier ${String(input.urgency)}`);
  }
  const seen = new Set<string>();
  input.lines.forEach((line: QuoteLineInput | null | undefined, i) => {
    if (typeof line !== 'object' || line === null) {
      throw new PricingError('INVALID_INPUT', `line ${i}: must be an object`);
    }
    if (typeof line.repairName !== 'string') {
      throw new PricingError('INVALID_INPUT', `line ${i}: repairName must be a string`);
    }
    if (typeof line.repairSlug !== 'string' || line.repairSlug.trim() === '') {
      throw new PricingError('INVALID_INPUT', `line ${i}: repairSlug must be a non-empty string`);
    }
    if (seen.has(line.repairSlug)) {
      throw new PricingError('DUPLICATE_REPAIR', `duplicate repair ${line.repairSlug}`);
    }
    seen.add(line.repairSlug);
    for (const field of ['partsMinor', 'labourMinor', 'warrantyDays', 'turnaroundHours'] as const) {
      const value: unknown = line[field];
      if (!isNonNegativeInt(value)) {
        throw new PricingError(
          'INVALID_AMOUNT',
          `line ${i} (${line.repairSlug}): ${field} must be a non-negative safe integer, got ${String(value)}`,
        );
      }
    }
  });
}

/** Adds minor amounts, failing with INVALID_AMOUNT if the running sum leaves the safe range. */
function safeAdd(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new PricingError('INVALID_AMOUNT', 'amount exceeds the safe integer range');
  }
  return sum;
}

/**
 * Index of the line that keeps full price: the highest gross; on a tie the earliest in input
 * order wins (strict `>` comparison).
 */
export function fullPriceLineIndex(grosses: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < grosses.length; i++) {
    if ((grosses[i] ?? 0) > (grosses[best] ?? 0)) best = i;
  }
  return best;
}

/**
 * Urgency surcharge on the discounted subtotal: 0 for `standard`; otherwise
 * max(minimumMinor, round(discountedSubtotal * surchargeBp / 10000)).
 * The minimum applies even to a zero-priced job (the rush itself costs the shop).
 */
export function computeUrgencySurcharge(
  discountedSubtotalMinor: number,
  urgency: UrgencyTier,
  config: PricingConfig,
): number {
  if (urgency === 'standard') return 0;
  const tier = config.urgency[urgency];
  return Math.max(tier.minimumMinor, applyBasisPoints(discountedSubtotalMinor, tier.surchargeBp));
}

/**
 * Headline warranty for the quote: the MINIMUM across lines. This is the period that holds
 * for every repair in the job, so it never over-promises; each line still carries its own
 * warrantyDays for the detailed breakdown.
 */
export function combineWarrantyDays(lines: readonly Pick<QuoteLineInput, 'warrantyDays'>[]): number {
  return lines.reduce((min, l) => Math.min(min, l.warrantyDays), Number.POSITIVE_INFINITY);
}

/**
 * Promised turnaround for the whole job. Repairs are worked in parallel, so the base is the
 * MAXIMUM line turnaround. Then:
 * - standard: base;
 * - express: ceil(base / 2);
 * - same_day: min(8, ceil(base / 2)) — never later than the express promise, capped at 8h.
 * This guarantees same_day <= express <= standard.
 */
export function combineTurnaroundHours(
  lines: readonly Pick<QuoteLineInput, 'turnaroundHours'>[],
  urgency: UrgencyTier,
): number {
  const base = lines.reduce((max, l) => Math.max(max, l.turnaroundHours), 0);
  switch (urgency) {
    case 'standard':
      return base;
    case 'express':
      return Math.ceil(base / 2);
    case 'same_day':
      return Math.min(SAME_DAY_MAX_HOURS, Math.ceil(base / 2));
  }
}

function assertValidDate(now: Date): void {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new PricingError('INVALID_INPUT', 'now must be a valid Date');
  }
}

/**
 * Price a quote.
 *
 * 1. gross = parts + labour per line; subtotal = sum of gross.
 * 2. Multi-repair discount: every line except the single most expensive one (ties: first in
 *    input order stays full price) gets round(gross * discountBp / 10000) off. A single line
 *    gets no discount. Rounding is per line, half away from zero.
 * 3. Urgency surcharge on (subtotal - discount), see `computeUrgencySurcharge`.
 * 4. total = subtotal - discount + surcharge (VAT-inclusive); VAT is extracted from the
 *    total once (not per line), see `splitVatInclusive`.
 * 5. issuedAt = now; expiresAt = now + quoteValidityDays * 24h (fixed UTC duration, so it is
 *    unaffected by DST changes).
 */
/** Configs already validated that cannot change (deeply frozen, e.g. DEFAULT_PRICING_CONFIG). */
const validFrozenConfigs = new WeakSet<PricingConfig>();

function isDeeplyFrozen(config: PricingConfig): boolean {
  return (
    Object.isFrozen(config) &&
    Object.isFrozen(config.urgency) &&
    URGENCY_TIERS.every((tier) => Object.isFrozen(config.urgency[tier]))
  );
}

/** validatePricingConfig, once per frozen config (it runs on every quote request). */
function checkConfig(config: PricingConfig): void {
  if (validFrozenConfigs.has(config)) return;
  validatePricingConfig(config);
  if (isDeeplyFrozen(config)) validFrozenConfigs.add(config);
}

/**
 * The same quote issued at `now`: prices unchanged, `issuedAt` and `expiresAt` from `now` (step
 * 5 below). Lets a caller reuse a quote computed earlier from the same prices and config.
 */
export function reissueQuote(quote: Quote, config: PricingConfig, now: Date): Quote {
  assertValidDate(now);
  const expiresMs = now.getTime() + config.quoteValidityDays * MS_PER_DAY;
  return { ...quote, issuedAt: now.toISOString(), expiresAt: new Date(expiresMs).toISOString() };
}

export function computeQuote(input: QuoteInput, config: PricingConfig, now: Date): Quote {
  checkConfig(config);
  validateQuoteInput(input);
  assertValidDate(now);

  const grosses = input.lines.map((l) => safeAdd(l.partsMinor, l.labourMinor));
  const keepFull = fullPriceLineIndex(grosses);

  const lines: QuoteLine[] = input.lines.map((line, i) => {
    const grossMinor = grosses[i] ?? 0;
    const discountMinor = i === keepFull ? 0 : applyBasisPoints(grossMinor, config.multiRepairDiscountBp);
    return {
      ...line,
      grossMinor,
      discountMinor,
      totalMinor: grossMinor - discountMinor,
    };
  });

  const subtotalMinor = lines.reduce((sum, l) => safeAdd(sum, l.grossMinor), 0);
  const discountMinor = lines.reduce((sum, l) => safeAdd(sum, l.discountMinor), 0);
  const discountedSubtotal = subtotalMinor - discountMinor;
  const urgencySurchargeMinor = computeUrgencySurcharge(discountedSubtotal, input.urgency, config);
  const totalMinor = safeAdd(discountedSubtotal, urgencySurchargeMinor);
  const { netMinor, vatMinor } = splitVatInclusive(totalMinor, config.vatRateBp);

  const expiresMs = now.getTime() + config.quoteValidityDays * MS_PER_DAY;

  return {
    currency: config.currency,
    lines,
    subtotalMinor,
    discountMinor,
    urgency: input.urgency,
    urgencySurchargeMinor,
    totalMinor,
    vat: { rateBp: config.vatRateBp, netMinor, vatMinor },
    warrantyDays: combineWarrantyDays(lines),
    turnaroundHours: combineTurnaroundHours(lines, input.urgency),
    issuedAt: now.toISOString(),
    expiresAt: new Date(expiresMs).toISOString(),
  };
}

/**
 * A quote is expired once `now` reaches `expiresAt` (inclusive: at the exact expiry instant it
 * is no longer valid). An unparseable `expiresAt` counts as expired (fail closed).
 */
export function isQuoteExpired(quote: Pick<Quote, 'expiresAt'>, now: Date): boolean {
  assertValidDate(now);
  const expires = Date.parse(quote.expiresAt);
  if (Number.isNaN(expires)) return true;
  return now.getTime() >= expires;
}
