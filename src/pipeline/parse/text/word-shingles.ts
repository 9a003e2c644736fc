/** Word 4-gram shingles: how the parser checks that two renderings of a text say the same thing. */

const WORD_RE = /[\p{L}\p{N}_]+/gu;

export function wordShingles(text: string, n = 4): string[] {
  const words = text.match(WORD_RE);
  if (words === null) return [];
  if (words.length < n) return [words.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) {
    let shingle = words[i];
    for (let j = 1; j < n; j++) shingle += ` ${words[i + j]}`;
    out.push(shingle);
  }
  return out;
}
