/**
 * Language from the script and function words: Cyrillic → uk (when Ukrainian-only letters
 * occur) or ru; Latin → whichever of en/de/fr/es/it/pt/nl has the most function-word hits
 * (en when none has any: short English headlines have few).
 */
const UKRAINIAN_RE = /[іїєґІЇЄҐ]/;
const FUNCTION_WORDS: Array<[string, RegExp]> = [
  ['en', /\b(?:the|and|of|was|were|said|with|from|that|have)\b/gi],
  ['de', /\b(?:der|die|das|und|nicht|mit|ist|wurde|auf|ein|eine|den)\b/gi],
  ['fr', /\b(?:le|les|des|et|est|une|dans|pour|qui|sur|du)\b/gi],
  ['es', /\b(?:el|los|las|y|que|del|una|por|para|con|es)\b/gi],
  ['it', /\b(?:il|della|che|gli|sono|per|non|una|nel|di)\b/gi],
  ['pt', /\b(?:o|os|do|da|que|não|uma|com|para|em)\b/gi],
  ['nl', /\b(?:de|het|een|en|van|niet|met|zijn|voor|ook)\b/gi],
];

export function detectLanguage(text: string): string | null {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i) | 32; // folds ASCII upper case onto lower case
    if (c >= 97 && c <= 122) latin++;
    else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
  }
  if (cyrillic > latin) return UKRAINIAN_RE.test(sample) ? 'uk' : 'ru';
  if (latin === 0) return null;
  let best = 'en';
  let bestHits = 0;
  for (const [lang, re] of FUNCTION_WORDS) {
    const hits = sample.match(re)?.length ?? 0;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}
