import { extractFacts } from '../src/pipeline/extract/extract-facts.js';
const fams: Record<string, (n: number) => string> = {
  sentences: (n) => Array.from({ length: n }, (_, i) => `${i % 97 + 2} people were killed in Kharkiv on Monday and ${i % 13 + 1} soldiers were wounded.`).join(' '),
  oneSentence: (n) => Array.from({ length: n }, (_, i) => `${i % 97 + 2} people were killed, `).join('') + 'earlier.',
  lines: (n) => Array.from({ length: n }, (_, i) => `${i % 50 + 1} insurgents detained`).join('\n'),
};
for (const [name, f] of Object.entries(fams)) {
  const out: string[] = [];
  for (const n of [250, 500, 1000, 2000]) {
    const t = f(n);
    const c0 = process.cpuUsage();
    extractFacts(t, { publishedAt: '2024-01-03' });
    const u = process.cpuUsage(c0);
    out.push(`${n}:${((u.user + u.system) / 1000).toFixed(0)}ms`);
  }
  console.log(name, out.join(' '));
}
