import { clsx, type ClassValue } from 'clsx';

/**
 * Class names joined with clsx, a later Tailwind utility replacing an earlier one of the same
 * kind under the same variants (`cn('h-11 px-4', 'h-12')` is `px-4 h-12`), as tailwind-merge
 * does, for the utilities this app uses. tailwind-merge knows every Tailwind class and cost
 * 8.7 kB gzipped in every page's first load (docs/benchmarks.md, "Pages on a phone");
 * cn.test.ts holds this one to tailwind-merge's answers on the class lists in src/. A class it
 * does not know is kept as it is (as plain clsx would).
 */
export function cn(...inputs: ClassValue[]): string {
  return mergeClasses(clsx(inputs));
}

// utilities that are one keyword: class -> its group
const KEYWORDS: Record<string, string> = {};
function keywords(group: string, words: string) {
  for (const w of words.split(' ')) KEYWORDS[w] = group;
}
keywords(
  'display',
  'block inline-block inline flex inline-flex grid inline-grid hidden contents flow-root table list-item',
);
keywords('position', 'static fixed absolute relative sticky');
keywords('visibility', 'visible invisible collapse');
keywords('sr', 'sr-only not-sr-only');
keywords('decoration', 'underline overline line-through no-underline');
keywords('case', 'uppercase lowercase capitalize normal-case');
keywords('italic', 'italic not-italic');
keywords('nums', 'tabular-nums proportional-nums');
keywords('truncate', 'truncate');
keywords('grow', 'grow');
keywords('shrink', 'shrink');
keywords('line-clamp', 'line-clamp-none');
keywords('border-w', 'border');
keywords('rounded', 'rounded');
keywords('shadow', 'shadow');
keywords('ring-w', 'ring');
keywords('transition', 'transition');
keywords('outline-w', 'outline');
keywords('outline-style', 'outline-none outline-hidden outline-dashed outline-dotted outline-double');
keywords('border-style', 'border-solid border-dashed border-dotted border-double border-none');
keywords('text-align', 'text-left text-center text-right text-justify text-start text-end');
keywords('text-wrap', 'text-wrap text-nowrap text-balance text-pretty');
keywords('text-overflow', 'text-ellipsis text-clip');
keywords(
  'font-weight',
  'font-thin font-extralight font-light font-normal font-medium font-semibold font-bold font-extrabold font-black',
);
keywords('font-family', 'font-sans font-serif font-mono');
keywords('flex-dir', 'flex-row flex-row-reverse flex-col flex-col-reverse');
keywords('flex-wrap', 'flex-wrap flex-wrap-reverse flex-nowrap');
keywords('border-collapse', 'border-collapse border-separate');
keywords('bg-image', 'bg-none');
keywords('bg-size', 'bg-auto bg-cover bg-contain');
keywords('bg-attachment', 'bg-fixed bg-local bg-scroll');
keywords('bg-repeat', 'bg-repeat bg-no-repeat bg-repeat-x bg-repeat-y bg-repeat-round bg-repeat-space');
keywords(
  'bg-position',
  'bg-center bg-top bg-bottom bg-left bg-right bg-top-left bg-top-right bg-bottom-left bg-bottom-right',
);

// utilities `<prefix>-<value>` whose group is the prefix alone, longest prefix first
const PREFIXES = [
  'min-w max-w min-h max-h size w h',
  'p px py pt pr pb pl ps pe m mx my mt mr mb ml ms me',
  'gap-x gap-y gap space-x space-y',
  'inset-x inset-y inset top right bottom left start end z',
  'grid-cols grid-rows col-span col row-span row auto-cols auto-rows',
  'items justify-items justify-self justify content self place-items place-content place-self',
  'flex basis grow shrink order',
  'leading tracking whitespace break line-clamp list',
  'opacity cursor select pointer-events resize appearance scroll',
  'overflow-x overflow-y overflow overscroll object aspect',
  'transition duration ease delay animate origin translate-x translate-y scale rotate',
  'blur brightness contrast grayscale saturate backdrop-blur drop-shadow',
  'fill stroke accent caret from via to underline-offset',
]
  .join(' ')
  .split(' ')
  .sort((a, b) => b.length - a.length);

// the groups a later class of a group replaces besides its own (tailwind-merge's conflicts)
const CONFLICTS: Record<string, string[]> = {
  p: ['px', 'py', 'pt', 'pr', 'pb', 'pl', 'ps', 'pe'],
  px: ['pr', 'pl', 'ps', 'pe'],
  py: ['pt', 'pb'],
  m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml', 'ms', 'me'],
  mx: ['mr', 'ml', 'ms', 'me'],
  my: ['mt', 'mb'],
  size: ['w', 'h'],
  gap: ['gap-x', 'gap-y'],
  inset: ['inset-x', 'inset-y', 'top', 'right', 'bottom', 'left', 'start', 'end'],
  'inset-x': ['right', 'left'],
  'inset-y': ['top', 'bottom'],
  overflow: ['overflow-x', 'overflow-y'],
  'font-size': ['leading'],
  'border-w': ['border-w-x', 'border-w-y', 'border-w-t', 'border-w-r', 'border-w-b', 'border-w-l'],
  'border-w-x': ['border-w-r', 'border-w-l'],
  'border-w-y': ['border-w-t', 'border-w-b'],
  'border-color': [
    'border-color-x',
    'border-color-y',
    'border-color-t',
    'border-color-r',
    'border-color-b',
    'border-color-l',
  ],
  'border-color-x': ['border-color-r', 'border-color-l'],
  'border-color-y': ['border-color-t', 'border-color-b'],
  rounded: [
    'rounded-t',
    'rounded-r',
    'rounded-b',
    'rounded-l',
    'rounded-tl',
    'rounded-tr',
    'rounded-br',
    'rounded-bl',
  ],
  'rounded-t': ['rounded-tl', 'rounded-tr'],
  'rounded-r': ['rounded-tr', 'rounded-br'],
  'rounded-b': ['rounded-br', 'rounded-bl'],
  'rounded-l': ['rounded-tl', 'rounded-bl'],
  truncate: ['text-overflow'],
  flex: ['grow', 'shrink', 'basis'],
  'line-clamp': ['display', 'overflow'],
};

const SIZES = /^(xs|sm|base|md|lg|xl|\d?xl|none|full|inner)$/;
const TEXT_SIZES = /^(xs|sm|base|lg|\d?xl)(\/.*)?$/;
const LENGTH = /^(\d+(\.\d+)?|px|\[\d.*\])$/;
// the values of spacing, sizing and position utilities (`bottom-nav` is no `bottom`)
const SPACE =
  /^(\d+(\.\d+)?|\d+\/\d+|px|auto|full|screen|min|max|fit|none|prose|[sld]v[hw]|xs|sm|md|lg|\d?xl|\[.*\]|\(.*\))$/;
const SPACED = new Set(
  'min-w max-w min-h max-h size w h p px py pt pr pb pl ps pe m mx my mt mr mb ml ms me gap-x gap-y gap space-x space-y inset-x inset-y inset top right bottom left start end basis'.split(
    ' ',
  ),
);

/** The group of one utility (no variants), or null when this merge does not know it. */
function groupOf(utility: string): string | null {
  const u = utility.startsWith('-') ? utility.slice(1) : utility;
  const keyword = KEYWORDS[u];
  if (keyword) return keyword;
  const dash = u.indexOf('-');
  if (dash < 0) return null;
  const head = u.slice(0, dash);
  const value = u.slice(dash + 1);
  switch (head) {
    case 'text':
      return TEXT_SIZES.test(value) || /^\[\d/.test(value) ? 'font-size' : 'text-color';
    case 'bg':
      if (/^(linear|radial|conic)-/.test(value)) return 'bg-image';
      if (/^(clip|origin|blend)-/.test(value)) return `bg-${value.split('-')[0]}`;
      return 'bg-color';
    case 'border':
    case 'divide': {
      // border-2, border-t, border-t-2, border-slate-300, border-t-transparent
      const side = /^([xytrblse])(-(.*))?$/.exec(value);
      const rest = side ? (side[3] ?? '') : value;
      const where = side ? `-${side[1]}` : '';
      if (rest === '' || LENGTH.test(rest)) return `${head}-w${where}`;
      if (/^spacing/.test(rest)) return 'border-spacing';
      return `${head}-color${where}`;
    }
    case 'rounded': {
      const side = /^(tl|tr|br|bl|ss|se|es|ee|[trblse])(-(.*))?$/.exec(value);
      if (side && (side[3] === undefined || SIZES.test(side[3]) || /^\[/.test(side[3])))
        return `rounded-${side[1]}`;
      return SIZES.test(value) || /^\[/.test(value) ? 'rounded' : null;
    }
    case 'shadow':
    case 'ring':
    case 'outline':
      if (value.startsWith('offset-')) return `${head}-offset`;
      if (SIZES.test(value) || LENGTH.test(value)) return `${head}-w`;
      return `${head}-color`;
    case 'font':
      return null; // weights and families are keywords; anything else is not ours
  }
  for (const prefix of PREFIXES)
    if (u.startsWith(`${prefix}-`)) {
      return SPACED.has(prefix) && !SPACE.test(u.slice(prefix.length + 1)) ? null : prefix;
    }
  return null;
}

/** Splits `md:hover:!p-4` into its variants (`md:hover:`), importance and utility. */
function parse(cls: string): { variants: string; important: boolean; utility: string } {
  let depth = 0;
  let cut = 0;
  for (let i = 0; i < cls.length; i++) {
    const ch = cls[i];
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    else if (ch === ':' && depth === 0) cut = i + 1;
  }
  let utility = cls.slice(cut);
  let important = false;
  if (utility.startsWith('!')) [important, utility] = [true, utility.slice(1)];
  else if (utility.endsWith('!')) [important, utility] = [true, utility.slice(0, -1)];
  const variants = cls.slice(0, cut).split(':').filter(Boolean).sort().join(':');
  return { variants, important, utility };
}

/** Keeps the last class of each group (per variants): tailwind-merge's rule, right to left. */
function mergeClasses(classes: string): string {
  const taken = new Set<string>();
  const kept: string[] = [];
  const list = classes.split(/\s+/).filter(Boolean);
  for (let i = list.length - 1; i >= 0; i--) {
    const cls = list[i]!;
    const { variants, important, utility } = parse(cls);
    const group = groupOf(utility);
    if (group === null) {
      kept.push(cls);
      continue;
    }
    const scope = `${variants}${important ? '!' : ''}|`;
    if (taken.has(scope + group)) continue;
    taken.add(scope + group);
    for (const other of CONFLICTS[group] ?? []) taken.add(scope + other);
    kept.push(cls);
  }
  return kept.reverse().join(' ');
}
