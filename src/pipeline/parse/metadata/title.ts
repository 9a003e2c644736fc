/** Page titles without the site name that sites append or prepend ("Story — The Site"). */

const SEPARATOR_RE = /\s+[|–—·•:»«-]{1,2}\s+|\s+::\s+/;

/** Letters and digits only, lower-cased: how site names compare ("The Go Blog" = "thegoblog", "www.bbc" = "bbc"). */
export function simplify(text: string): string {
  return text.toLowerCase().replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The host's registrable name: "vanguard" of investor.vanguard.com, "bbc" of www.bbc.co.uk. */
export function hostName(host: string): string {
  const labels = host.toLowerCase().split('.');
  const secondLevel = labels.length >= 3 && labels[labels.length - 1].length === 2 && labels[labels.length - 2].length <= 3;
  return simplify(labels[labels.length - (secondLevel ? 3 : 2)] ?? '');
}

/**
 * Removes a leading or trailing segment that names the site (equal to siteName, or to the host's
 * registrable name) or a section of the URL's path ("… | Opinion" on /story/opinion/…), or that is much
 * shorter than the rest when the headline (h1) confirms it.
 */
export function cleanTitle(raw: string, options: { siteName?: string | null; host?: string | null; headline?: string | null; path?: string | null } = {}): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  const parts = title.split(SEPARATOR_RE);
  if (parts.length < 2) return title;
  const site = options.siteName ? simplify(options.siteName) : '';
  const hostWords = options.host ? hostName(options.host) : '';
  // The path's directories, not its last segment (the story's own slug).
  const sections = new Set((options.path ?? '').split('/').filter((s) => s !== '').slice(0, -1).map(simplify).filter((s) => s.length >= 3));
  const isSite = (part: string): boolean => {
    const s = simplify(part);
    if (s === '') return true;
    return (site !== '' && (s === site || s.includes(site) || site.includes(s))) || (hostWords !== '' && (s === hostWords || s.includes(hostWords))) || sections.has(s);
  };
  const separators = title.match(new RegExp(SEPARATOR_RE.source, 'g')) ?? [];
  let first = 0;
  let last = parts.length - 1;
  while (last > first && isSite(parts[last])) last--;
  while (first < last && isSite(parts[first])) first++;
  if (first === 0 && last === parts.length - 1) {
    const headline = options.headline ? simplify(options.headline) : '';
    if (headline !== '' && simplify(parts[0]) === headline) return parts[0].trim();
    return title;
  }
  let out = parts[first];
  for (let i = first + 1; i <= last; i++) out += separators[i - 1] + parts[i];
  return out.trim();
}
