/**
 * Text normalisation for the classifiers: lower case, accents folded, British spellings mapped
 * to one form, apostrophes dropped ("won't" -> "wont"), every other non-alphanumeric a space.
 * Typos are not corrected here: the character n-grams of features.ts overlap enough between
 * "screen" and "sreen" for the model to tolerate them.
 */

/** British (and a few common variant) spellings -> one form, applied per word. */
const SPELLING: Record<string, string> = {
  colour: 'color',
  colours: 'colors',
  discoloured: 'discolored',
  discolouration: 'discoloration',
  centre: 'center',
  realise: 'realize',
  realised: 'realized',
  recognise: 'recognize',
  recognised: 'recognized',
  recognising: 'recognizing',
  apologise: 'apologize',
  organise: 'organize',
  aluminium: 'aluminum',
  grey: 'gray',
  behaviour: 'behavior',
  favourite: 'favorite',
  mum: 'mom',
  programme: 'program',
  cancelled: 'canceled',
  travelling: 'traveling',
  licence: 'license',
  tyre: 'tire',
  tyres: 'tires',
  analyse: 'analyze',
  optimise: 'optimize',
  customise: 'customize',
  synchronise: 'synchronize',
  defence: 'defense',
  cheque: 'check',
  storey: 'story',
  jewellery: 'jewelry',
  fibre: 'fiber',
  metre: 'meter',
  litre: 'liter',
  catalogue: 'catalog',
  dialogue: 'dialog',
  whilst: 'while',
  amongst: 'among',
  towards: 'toward',
  plz: 'please',
  pls: 'please',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  cant: 'cannot',
  wont: 'will not',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  wasnt: 'was not',
  aint: 'is not',
  wouldnt: 'would not',
  couldnt: 'could not',
  hasnt: 'has not',
  havent: 'have not',
  n: 'and',
  nt: 'not',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`´]/g;
const NOT_WORD = /[^a-z0-9]+/g;

/** Normalised words of a text (may be empty). */
export function normaliseWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, ' ')
    .trim();
  if (!folded) return [];
  const words: string[] = [];
  for (const word of folded.split(' ')) {
    const mapped = SPELLING[word];
    if (mapped === undefined) words.push(word);
    else for (const part of mapped.split(' ')) words.push(part);
  }
  return words;
}

/** The normalised text as one string of words separated by single spaces. */
export function normaliseText(text: string): string {
  return normaliseWords(text).join(' ');
}
