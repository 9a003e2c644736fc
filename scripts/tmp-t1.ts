import { tokenizeText } from '../src/pipeline/extract/tokenize-text.js';
import { readFileSync } from 'node:fs';
const rows = readFileSync('/work/shared/datasets/isaf-press-releases/dev.jsonl','utf8').split('\n').filter(Boolean).map((l)=>JSON.parse(l));
for (const i of [0,2,5,60, 100]) {
  const t = rows[i].text; const { sentences } = tokenizeText(t);
  console.log('=====');
  for (const s of sentences) console.log(s.role.padEnd(9), s.paragraph, JSON.stringify(t.slice(s.start, s.end)).slice(0,110));
}
const seed = readFileSync('/work/shared/seeds/belgorod-article.txt','utf8');
const { sentences } = tokenizeText(seed);
for (const s of sentences) console.log(s.role.padEnd(9), s.paragraph, JSON.stringify(seed.slice(s.start, s.end)).slice(0,110));
