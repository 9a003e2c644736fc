import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/**
 * Bytes to text. Order: byte-order mark; then the declared charsets, HTTP header first and
 * `<meta charset>` / `http-equiv` / `<?xml encoding?>` second; then sniffing.
 *
 * WHATWG lets the header win over the page, but real servers lie (a default "utf-8" or
 * "iso-8859-1" on a windows-1251 site). So a declared charset is taken only when it fits the bytes:
 * - bytes that are valid UTF-8 and not ASCII are UTF-8 whatever a legacy label says (text in a
 *   single-byte or CJK encoding is practically never valid UTF-8 by accident);
 * - otherwise the decoded text must look clean (see mojibakeRatio): (almost) no U+FFFD or C1
 *   controls, no lower-case letter followed by an upper-case one or three accented Latin letters
 *   in a row next to non-ASCII text, and not mostly upper-case non-ASCII letters (koi8-r and
 *   windows-1251 read as each other, windows-1251 read as windows-1252, …).
 * When no declaration fits, sniffing adds its guess: valid UTF-8; else Cyrillic byte frequencies
 * (windows-1251 vs koi8-r); else windows-1252; UTF-8 is always a candidate too, for a UTF-8 page
 * with a stray bad byte. The cleanest reading wins, declared ones on a tie.
 */

/** At most this much of the page is searched for a `<meta>` charset (WHATWG prescans 1024; real pages put scripts first). */
const PRESCAN_BYTES = 4096;
/** A reading whose mojibakeRatio reaches this is not taken on its declaration alone. */
const MOJIBAKE_RATIO = 0.03;

const BOMS: Array<{ mark: number[]; charset: string }> = [
  { mark: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { mark: [0xfe, 0xff], charset: 'utf-16be' },
  { mark: [0xff, 0xfe], charset: 'utf-16le' },
];

/** The WHATWG name for a label ("latin1" → "windows-1252", "gb2312" → "gbk"), or undefined when unknown. */
function resolveLabel(label: string): string | undefined {
  try {
    const encoding = new TextDecoder(label.trim()).encoding;
    // A declared UTF-16 without a BOM is a mislabelled ASCII-compatible page (WHATWG treats meta utf-16 as utf-8).
    if (encoding.startsWith('utf-16')) return 'utf-8';
    return encoding === 'replacement' ? undefined : encoding;
  } catch {
    return undefined;
  }
}

const textDecoders = new Map<string, TextDecoder | null>();

function textDecoder(charset: string): TextDecoder | null {
  if (!textDecoders.has(charset)) {
    let decoder: TextDecoder | null = null;
    try {
      decoder = new TextDecoder(charset, { ignoreBOM: true });
    } catch {
      // ICU lacks it: iconv-lite may know it.
    }
    textDecoders.set(charset, decoder);
  }
  return textDecoders.get(charset) ?? null;
}

/**
 * TextDecoder (ICU) first: on a 480 KB page it decodes UTF-8 as fast as iconv-lite and
 * Buffer#toString (~1.4 ms, ~350 MB/s each) and windows-1251 3x faster (0.48 vs 1.47 ms).
 * But Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 is not €; nodejs/node#56542),
 * so that one, and anything ICU lacks, goes through iconv-lite.
 */
function decode(bytes: Uint8Array, charset: string): string {
  const decoder = charset === 'windows-1252' ? null : textDecoder(charset);
  if (decoder) return decoder.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset, { stripBOM: false });
}

function charsetFromHeader(contentType: string | undefined): string | undefined {
  const label = contentType?.match(/;\s*charset\s*=\s*"?([^";\s]+)/i)?.[1];
  return label ? resolveLabel(label) : undefined;
}

function charsetFromMarkup(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1');
  const label =
    head.match(/^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:+-]+)/i)?.[1] ??
    head.match(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i)?.[1];
  return label ? resolveLabel(label) : undefined;
}

// Letter case of the first 0x800 code points (Latin, Greek, Cyrillic, …): 1 lower, 2 upper, 0 other.
const CASE = new Uint8Array(0x800);
for (let code = 0; code < CASE.length; code++) {
  const char = String.fromCharCode(code);
  CASE[code] = /\p{Ll}/u.test(char) ? 1 : /\p{Lu}/u.test(char) ? 2 : 0;
}
const caseOf = (code: number): number => (code < 0x800 ? CASE[code] : 0);
const isAccentedLatin = (code: number): boolean => code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7;

/**
 * How much a reading looks like mojibake, 0 (clean) to 1: the share of suspicious characters among
 * the non-ASCII ones, or the share of upper case among non-ASCII letters when that is the majority
 * (koi8-r and windows-1251 read as each other swap the cases: "зХВЕТОБФПТ ПВМБУФЙ").
 * Only non-ASCII characters and their neighbours are examined.
 */
function mojibakeRatio(text: string): number {
  let nonAscii = 0;
  let suspicious = 0;
  let upper = 0;
  let lower = 0;
  let previous = 0x20;
  let accentRun = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && previous < 0x80) {
      previous = code;
      accentRun = 0;
      continue;
    }
    const letterCase = caseOf(code);
    if (code >= 0x80) {
      nonAscii++;
      if (letterCase === 1) lower++;
      else if (letterCase === 2) upper++;
    }
    if (code === 0xfffd || (code >= 0x80 && code <= 0x9f)) suspicious++;
    else if (caseOf(previous) === 1 && letterCase === 2) suspicious++;
    accentRun = isAccentedLatin(code) ? accentRun + 1 : 0;
    if (accentRun >= 3) suspicious++;
    previous = code;
  }
  if (nonAscii === 0) return 0;
  const inverted = upper + lower >= 8 && upper > lower ? upper / (upper + lower) : 0;
  return Math.max(suspicious / nonAscii, inverted);
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/**
 * Undeclared legacy bytes. Cyrillic words are runs of high bytes; Western text has isolated accents.
 * Russian text is mostly lower case: а..я sit at 0xE0–0xFF in windows-1251, at 0xC0–0xDF in koi8-r.
 */
function sniffLegacy(bytes: Uint8Array): string {
  let high = 0;
  let clustered = 0;
  let upperHalf = 0;
  let lowerHalf = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte < 0x80) continue;
    high++;
    if (bytes[i - 1] >= 0x80 || bytes[i + 1] >= 0x80) clustered++;
    if (byte >= 0xe0) upperHalf++;
    else if (byte >= 0xc0) lowerHalf++;
  }
  if (clustered * 2 < high) return 'windows-1252';
  return upperHalf >= lowerHalf ? 'windows-1251' : 'koi8-r';
}

export function decodeBody(bytes: Uint8Array, contentTypeHeader: string | undefined): { text: string; charset: string } {
  const bom = BOMS.find(({ mark }) => mark.every((byte, i) => bytes[i] === byte));
  if (bom) return { text: decode(bytes.subarray(bom.mark.length), bom.charset), charset: bom.charset };

  const declared = [...new Set([charsetFromHeader(contentTypeHeader), charsetFromMarkup(bytes)].filter((c): c is string => c !== undefined))];
  if (!hasHighBytes(bytes)) {
    const charset = declared[0] ?? 'utf-8';
    return { text: decode(bytes, charset), charset };
  }

  const validUtf8 = isUtf8(bytes);
  const readings: Array<{ charset: string; text: string; ratio: number }> = [];
  for (const charset of declared) {
    if (charset === 'utf-8' && validUtf8) return { text: decode(bytes, charset), charset };
    if (charset !== 'utf-8' && validUtf8) continue;
    const text = decode(bytes, charset);
    const ratio = mojibakeRatio(text);
    if (ratio < MOJIBAKE_RATIO) return { text, charset };
    readings.push({ charset, text, ratio });
  }
  for (const charset of [validUtf8 ? 'utf-8' : sniffLegacy(bytes), 'utf-8']) {
    if (readings.some((reading) => reading.charset === charset)) continue;
    const text = decode(bytes, charset);
    readings.push({ charset, text, ratio: mojibakeRatio(text) });
  }
  const best = readings.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  return { text: best.text, charset: best.charset };
}
