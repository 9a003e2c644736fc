/**
 * Letters and digits as `[\p{L}\p{N}]` reads them, tested per code point from a table: counting or
 * hashing a page's words this way builds no array of word strings (`text.match(/[\p{L}\p{N}]+/gu)`
 * allocated one string per word, a measurable share of a parse).
 */

const LETTER_OR_DIGIT_RE = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not looked up yet, 1 letter or digit, 2 neither. */
const BMP = new Uint8Array(0x10000);

/** `[\p{L}\p{N}]` for one code point (a lone surrogate is neither, as in the regex). */
export function isLetterOrDigit(code: number): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
  if (code >= 0x10000) return LETTER_OR_DIGIT_RE.test(String.fromCodePoint(code));
  let known = BMP[code];
  if (known === 0) {
    known = LETTER_OR_DIGIT_RE.test(String.fromCharCode(code)) ? 1 : 2;
    BMP[code] = known;
  }
  return known === 1;
}

/** The code point at i (a surrogate pair read whole); its length in code units is 2 when it is > 0xffff. */
export function codePointAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff || i + 1 >= text.length) return code;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff ? ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000 : code;
}

/** How many runs of letters and digits (`[\p{L}\p{N}]+`) the text holds. */
export function countWords(text: string): number {
  let n = 0;
  let inside = false;
  for (let i = 0; i < text.length; i++) {
    const code = codePointAt(text, i);
    if (code > 0xffff) i++;
    const word = isLetterOrDigit(code);
    if (word && !inside) n++;
    inside = word;
  }
  return n;
}
