/**
 * The repairs a customer names ("screen", "battery", "charging port", "back glass" …), as the
 * catalogue's repair-type slugs, in the order they are mentioned. Longer phrases are read first
 * and blanked, so "back glass" is the rear glass and not the screen's glass.
 */
const TERMS: ReadonlyArray<[string, RegExp]> = [
  ['back-glass', /\b(?:back|rear)\s*(?:glass|panel|cover|housing)\b/gi],
  [
    'charging-port',
    /\b(?:charg(?:ing|er|e)\s*(?:port|socket|connector)|lightning\s*port|usb[\s-]?c?\s*port|won'?t\s+charge|not\s+charging|doesn'?t\s+charge)\b/gi,
  ],
  ['data-recovery', /\b(?:data\s*recovery|recover(?:y|ing)?\s+(?:my\s+)?(?:data|photos|files|pictures))\b/gi],
  [
    'storage-upgrade',
    /\b(?:storage(?:\s*upgrade)?|ssd(?:\s*upgrade)?|upgrade\s+(?:the\s+)?(?:storage|ssd|hard\s*drive)|more\s+(?:storage|space))\b/gi,
  ],
  [
    'water-damage',
    /\b(?:water|liquid)\s*damage\b|\b(?:water|liquid|wet|spill(?:ed|t)?|drowned|toilet|sea)\b/gi,
  ],
  ['hdmi-port', /\bhdmi(?:\s*port)?\b/gi],
  [
    'logic-board',
    /\b(?:logic\s*board|motherboard|no\s+power|won'?t\s+(?:turn|switch|power)\s+on|doesn'?t\s+(?:turn|switch)\s+on)\b/gi,
  ],
  ['overheating', /\b(?:overheat\w*|over\s+heat\w*|fan(?:\s+service)?|too\s+hot)\b/gi],
  ['keyboard', /\b(?:keyboard|keys)\b/gi],
  ['screen-crack', /\b(?:screen|display|lcd|oled|touch\s*screen|digiti[sz]er)s?\b/gi],
  ['battery', /\bbatter(?:y|ies)\b/gi],
  ['camera', /\b(?:camera|lens)\b/gi],
  ['audio', /\b(?:speaker|microphone|mic|earpiece|audio|sound|headphone\s+(?:jack|socket))s?\b/gi],
  ['buttons', /\b(?:buttons?|joystick|joy-?cons?|stick\s+drift|drift)\b/gi],
  ['software', /\b(?:software|boot\s*loop|virus|malware)\b/gi],
  ['diagnostic', /\b(?:diagnos(?:tic|is|e)|check[\s-]?up)\b/gi],
];

export function findRepairTerms(text: string): string[] {
  let rest = text.slice(0, 4000);
  const found: Array<{ slug: string; at: number }> = [];
  for (const [slug, pattern] of TERMS) {
    rest = rest.replace(pattern, (match: string, ...args: unknown[]) => {
      const at = args.find((a) => typeof a === 'number') as number;
      if (!found.some((f) => f.slug === slug)) found.push({ slug, at });
      return ' '.repeat(match.length);
    });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.slug);
}
