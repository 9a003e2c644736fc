/** Language from the script: Cyrillic → uk (when Ukrainian-only letters occur) or ru; Latin with English function words → en. */
const UKRAINIAN_RE = /[іїєґІЇЄҐ]/;
const ENGLISH_RE = /\b(?:the|and|of|was|were|said)\b/i;

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
  if (latin > 0 && ENGLISH_RE.test(sample)) return 'en';
  return null;
}
