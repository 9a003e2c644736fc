import { decodeEntities } from '../text/decode-entities.js';

/**
 * JSON-LD (<script type="application/ld+json">): parsed leniently, flattened across arrays and
 * `@graph`, and searched for the node that describes the article.
 */

export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'blogposting', 'liveblogposting',
  'socialmediaposting', 'discussionforumposting', 'scholarlyarticle', 'techarticle', 'report', 'posting',
  'medicalscholarlyarticle', 'satiricalarticle', 'advertisercontentarticle',
]);

/** Parses one script body; tolerates CDATA/comment wrappers, raw newlines in strings and trailing commas. */
function parseLenient(source: string): unknown {
  const trimmed = source.trim().replace(/^(?:<!--|\/\*\s*<!\[CDATA\[\s*\*\/|<!\[CDATA\[)/, '').replace(/(?:-->|\/\*\s*\]\]>\s*\*\/|\]\]>)$/, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    // Raw control characters inside strings and trailing commas are the usual breakage.
    const repaired = trimmed.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

function collect(value: unknown, out: JsonLdNode[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1);
    return;
  }
  const node = value as JsonLdNode;
  out.push(node);
  if (node['@graph'] !== undefined) collect(node['@graph'], out, depth + 1);
  // Articles nested as mainEntity/mainEntityOfPage of a WebPage.
  for (const key of ['mainEntity', 'mainEntityOfPage', 'itemListElement']) {
    const nested = node[key];
    if (nested !== null && typeof nested === 'object') collect(nested, out, depth + 1);
  }
}

/** Every object node of every block, in document order; broken blocks are skipped. */
export function parseJsonLd(scripts: readonly string[]): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of scripts) collect(parseLenient(script), nodes, 0);
  return nodes;
}

export function typesOf(node: JsonLdNode): string[] {
  const type = node['@type'];
  if (typeof type === 'string') return [type.toLowerCase()];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
  return [];
}

/** The article node: an Article-like type, the one with a body or headline first. */
export function findArticleNode(nodes: readonly JsonLdNode[]): JsonLdNode | null {
  let best: JsonLdNode | null = null;
  let bestScore = 0;
  for (const node of nodes) {
    if (!typesOf(node).some((t) => ARTICLE_TYPES.has(t))) continue;
    const score = 1 + (typeof node.articleBody === 'string' ? 2 : 0) + (node.headline !== undefined ? 1 : 0);
    if (score > bestScore) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}

export function findNodeOfType(nodes: readonly JsonLdNode[], types: readonly string[]): JsonLdNode | null {
  for (const node of nodes) if (typesOf(node).some((t) => types.includes(t))) return node;
  return null;
}

/** A string value (character references decoded), or the first string of an array, or the `name`/`@id`/`url` of an object. */
export function stringOf(value: unknown, keys: readonly string[] = ['name']): string | null {
  if (typeof value === 'string') return decodeEntities(value).trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = stringOf(item, keys);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of keys) {
      const found = stringOf((value as JsonLdNode)[key], []);
      if (found !== null) return found;
    }
  }
  return null;
}

/** All strings of a value that may be a string, an object or an array of either. */
export function stringsOf(value: unknown, keys: readonly string[] = ['name']): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, keys));
  const one = stringOf(value, keys);
  return one === null ? [] : [one];
}
