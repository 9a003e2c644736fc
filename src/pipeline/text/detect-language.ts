/**
 * A cheap language detector for both stages (parse: a page that declares none; extract: which
 * casualty patterns apply): script counts, then stop-word votes. ISO 639-1, or null when too short
 * or undecided.
 */
const STOP_WORDS: Record<string, readonly string[]> = {
  // English also claims 'a', so that one-line English notes ('a truck … at a festival') do not read as Portuguese.
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'on', 'said', 'a', 'an', 'at', 'by', 'from', 'were', 'which', 'have', 'been', 'after', 'into', 'are', 'has'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'sich', 'auf', 'den', 'ein', 'eine'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'que', 'qui', 'du'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'en', 'del', 'por', 'una', 'para', 'con'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'una', 'sono', 'della', 'non', 'gli', 'del'],
  pt: ['o', 'a', 'os', 'que', 'de', 'não', 'uma', 'para', 'com', 'do', 'da', 'em'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'niet', 'op', 'voor', 'met', 'zijn'],
};
const STOP_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOP_WORDS)) {
  for (const word of words) STOP_INDEX.set(word, [...(STOP_INDEX.get(word) ?? []), lang]);
}

/** Longest stop word: longer words are not looked up (nor copied out of the text). */
const LONGEST_STOP_WORD = Math.max(...[...STOP_INDEX.keys()].map((w) => w.length));
const UKRAINIAN_LETTERS = new Set([...'іїєґІЇЄҐ'].map((c) => c.charCodeAt(0)));
const RUSSIAN_LETTERS = new Set([...'ыэёъЫЭЁЪ'].map((c) => c.charCodeAt(0)));
// Sticky pair that walks the words of a text without a match array per word: the gap, then the word.
const GAP_RE = /\P{L}*/uy;
const WORD_RE = /\p{L}*/uy;

/** Looks at the first 2,000 characters (some 300 words): enough for a stable vote, cheap on long pages. */
const SAMPLE_CHARS = 2000;

export interface DetectLanguageOptions {
  /** Fewer letters than this of the dominant script: null. Default 20 (a page's language must be sure). */
  minLetters?: number;
}

export function detectLanguage(text: string, options: DetectLanguageOptions = {}): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  let latin = 0;
  let cyrillic = 0;
  let ukrainian = 0;
  let russian = 0;
  let kana = 0;
  let hangul = 0;
  let han = 0;
  let arabic = 0;
  let greek = 0;
  let hebrew = 0;
  // Code points read in place (a string per character from for…of is garbage).
  for (let i = 0; i < sample.length; i++) {
    const c = sample.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x250) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0) latin++;
    } else if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++;
      if (UKRAINIAN_LETTERS.has(c)) ukrainian++;
      else if (RUSSIAN_LETTERS.has(c)) russian++;
    } else if ((c >= 0x3040 && c <= 0x30ff)) kana++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
    else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x600 && c <= 0x6ff) arabic++;
    else if (c >= 0x370 && c <= 0x3ff) greek++;
    else if (c >= 0x590 && c <= 0x5ff) hebrew++;
  }
  const scripts: Array<[string, number]> = [
    ['latin', latin], ['cyrillic', cyrillic], ['ja', kana * 3 + (kana > 0 ? han : 0)], ['ko', hangul], ['zh', kana > 0 ? 0 : han],
    ['ar', arabic], ['el', greek], ['he', hebrew],
  ];
  scripts.sort((a, b) => b[1] - a[1]);
  const [script, count] = scripts[0];
  if (count < (options.minLetters ?? 20)) return null;
  if (script === 'cyrillic') return ukrainian > russian ? 'uk' : 'ru';
  if (script !== 'latin') return script;
  const votes = new Map<string, number>();
  const lower = sample.toLowerCase();
  for (let at = 0; at < lower.length; ) {
    GAP_RE.lastIndex = at;
    GAP_RE.test(lower);
    const start = GAP_RE.lastIndex;
    WORD_RE.lastIndex = start;
    WORD_RE.test(lower);
    at = WORD_RE.lastIndex;
    if (at === start || at - start > LONGEST_STOP_WORD) continue;
    for (const lang of STOP_INDEX.get(lower.slice(start, at)) ?? []) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestVotes = 2;
  for (const [lang, n] of votes) if (n > bestVotes) (best = lang), (bestVotes = n);
  return best;
}
