/**
 * Finds catalogue device models named in free text, the way customers write them: "iPhone 15
 * Pro Max", "iphone15", "i phone 15", "galaxy s24", "Samsung S24 Ultra", an alias ("A2882").
 *
 * Every model is known by a few compact keys (its name, brand + name, name without the brand's
 * range word, slug and aliases with spaces and punctuation removed). The text is read word by
 * word, and at each word the longest run of up to six following words whose compacted form is a
 * key wins, so "iphone 15 pro max" is the Pro Max, not the iPhone 15.
 */
export interface IndexedModel {
  slug: string;
  name: string;
  brandName: string;
  aliases: readonly string[];
}

export interface DeviceIndex {
  keys: Map<string, { slug: string; name: string }>;
}

const MAX_WORDS = 6;
/** Shorter keys ("x", "11") would find devices in ordinary words and numbers. */
const MIN_KEY_LENGTH = 3;

export interface Token {
  word: string;
  /** character offsets [start, end) in the text */
  start: number;
  end: number;
}

const fold = (word: string) =>
  word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');

/** Lower-case letter/digit runs with their places in the text. */
export function tokens(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    word: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export function words(text: string): string[] {
  return tokens(text).map((t) => t.word);
}

const compact = (text: string) => words(text).join('');

export function buildDeviceIndex(models: readonly IndexedModel[]): DeviceIndex {
  const keys = new Map<string, { slug: string; name: string }>();
  // the first model to claim a key keeps it (the catalogue lists the newest first)
  const add = (key: string, m: IndexedModel) => {
    if (key.length >= MIN_KEY_LENGTH && /\p{L}/u.test(key) && !keys.has(key)) {
      keys.set(key, { slug: m.slug, name: m.name });
    }
  };
  // own names first, so a model's full name always beats another model's alias or short form
  for (const m of models) {
    add(compact(m.name), m);
    add(compact(`${m.brandName} ${m.name}`), m);
    add(compact(m.slug), m);
  }
  for (const m of models) {
    for (const alias of m.aliases) add(compact(alias), m);
    // "Galaxy S24" is also written "Samsung S24" and "S24"
    const nameWords = words(m.name);
    if (nameWords.length >= 2 && /^(galaxy|pixel|redmi|xperia)$/.test(nameWords[0]!)) {
      const rest = nameWords.slice(1).join('');
      if (/\d/.test(rest)) {
        add(compact(`${m.brandName} ${rest}`), m);
        if (/^[a-z]/.test(rest)) add(rest, m); // "s24", not "8pro"
      }
    }
  }
  return { keys };
}

export interface FoundDevice {
  slug: string;
  name: string;
  /** character offsets [start, end) in the text */
  start: number;
  end: number;
}

export function findDevices(index: DeviceIndex, text: string): FoundDevice[] {
  const ts = tokens(text);
  const found: FoundDevice[] = [];
  for (let i = 0; i < ts.length;) {
    let best: { slug: string; name: string; last: number } | null = null;
    let key = '';
    for (let j = i; j < Math.min(ts.length, i + MAX_WORDS); j++) {
      key += ts[j]!.word;
      const hit = index.keys.get(key);
      if (hit) best = { ...hit, last: j };
    }
    if (best) {
      if (!found.some((f) => f.slug === best.slug)) {
        found.push({ slug: best.slug, name: best.name, start: ts[i]!.start, end: ts[best.last]!.end });
      }
      i = best.last + 1;
    } else i++;
  }
  return found;
}
