/**
 * The answers to common technical questions, from the knowledge base shipped in the repo
 * (`knowledge/<locale>.json`: a shop edits or translates that file), found by similarity:
 * TF-IDF over word unigrams and bigrams (lightly stemmed, stop words left out), cosine between
 * the question and each article's title, sample questions and answer. The sample questions
 * count twice the answer's words: they are how customers ask. Below `MIN_SIMILARITY` there is
 * no answer, and the assistant says it is not sure.
 */
import knowledgeEnGb from '../../knowledge/en-GB.json';

export interface KnowledgeArticle {
  id: string;
  title: string;
  questions: string[];
  answer: string;
}

export interface KnowledgeHit {
  article: KnowledgeArticle;
  similarity: number;
}

/** Measured on the paraphrases of knowledge-base.test.ts: right articles score
 * 0.19-0.6, texts no article answers up to 0.16 ("my phone is broken"). */
export const MIN_SIMILARITY = 0.17;

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at for with by from up about into over after before ' +
    'is am are was were be been being do does did done have has had having can could should would ' +
    'will shall may might must i me my mine we our you your it its this that these those there ' +
    'what which who whom how when where why so than too very just now then also not no yes please ' +
    'hi hello thanks thank get got go going need want any some all as u ur im ive id pls'
  ).split(' '),
);

/** Words customers use for the same thing, read as the knowledge base's word. */
const SYNONYMS = new Map<string, string>(
  Object.entries({
    pictures: 'photos',
    picture: 'photo',
    pics: 'photos',
    images: 'photos',
    soaked: 'wet',
    drenched: 'wet',
    dunked: 'wet',
    bath: 'water',
    toilet: 'water',
    sea: 'water',
    pool: 'water',
    rain: 'water',
    puddle: 'water',
    spilt: 'spilled',
    pin: 'passcode',
    password: 'passcode',
    passwords: 'passcode',
    unlock: 'passcode',
    fake: 'copy',
    original: 'genuine',
    oem: 'genuine',
    bulging: 'swollen',
    bulge: 'swollen',
    swelling: 'swollen',
    puffy: 'swollen',
    findmy: 'find',
    wiped: 'wipe',
    erase: 'wipe',
    privacy: 'private',
    snoop: 'look',
  }),
);

/** A light stemmer: plurals and -ing/-ed endings, enough to join "backing up" and "back up". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function terms(text: string): string[] {
  const ws = (
    text
      .toLowerCase()
      .slice(0, 4000)
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .map((w) => SYNONYMS.get(w) ?? w)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem);
  const out = [...ws];
  for (let i = 1; i < ws.length; i++) out.push(`${ws[i - 1]} ${ws[i]}`);
  return out;
}

type Vector = Map<string, number>;

function counts(texts: Array<[string, number]>): Vector {
  const v: Vector = new Map();
  for (const [text, weight] of texts) for (const t of terms(text)) v.set(t, (v.get(t) ?? 0) + weight);
  return v;
}

function normalise(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

export interface KnowledgeIndex {
  articles: KnowledgeArticle[];
  idf: Map<string, number>;
  vectors: Vector[];
}

export function buildKnowledgeIndex(articles: KnowledgeArticle[]): KnowledgeIndex {
  const raw = articles.map((a) =>
    counts([[a.title, 2], ...a.questions.map((q): [string, number] => [q, 2]), [a.answer, 1]]),
  );
  const df = new Map<string, number>();
  for (const v of raw) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log((1 + articles.length) / (1 + n)) + 1]));
  const vectors = raw.map((v) => {
    for (const [t, x] of v) v.set(t, (1 + Math.log(x)) * idf.get(t)!);
    return normalise(v);
  });
  return { articles, idf, vectors };
}

export function searchKnowledge(index: KnowledgeIndex, question: string): KnowledgeHit | null {
  const q: Vector = new Map();
  for (const [t, x] of counts([[question, 1]])) {
    const idf = index.idf.get(t);
    if (idf) q.set(t, (1 + Math.log(x)) * idf);
  }
  if (q.size === 0) return null;
  normalise(q);
  let best: KnowledgeHit | null = null;
  index.vectors.forEach((v, i) => {
    let dot = 0;
    for (const [t, x] of q) dot += x * (v.get(t) ?? 0);
    if (!best || dot > best.similarity) best = { article: index.articles[i]!, similarity: dot };
  });
  const hit = best as KnowledgeHit | null;
  return hit && hit.similarity >= MIN_SIMILARITY ? hit : null;
}

let defaultIndex: KnowledgeIndex | null = null;

/** The shipped knowledge base (en-GB), indexed once. */
export function knowledgeIndex(): KnowledgeIndex {
  defaultIndex ??= buildKnowledgeIndex(knowledgeEnGb.articles);
  return defaultIndex;
}
