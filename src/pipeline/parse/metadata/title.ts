/** Page titles without the site name that sites append or prepend ("Story — The Site"). */

const SEPARATOR_RE = /\s+[|–—·•:»«-]{1,2}\s+|\s+::\s+/;

function simplify(text: string): string {
  return text.toLowerCase().replace(/^www\./, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Removes a leading or trailing segment that names the site (equal to siteName, or to the host
 * without its TLD), or that is much shorter than the rest when the headline (h1) confirms it.
 */
export function cleanTitle(raw: string, options: { siteName?: string | null; host?: string | null; headline?: string | null } = {}): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  const parts = title.split(SEPARATOR_RE);
  if (parts.length < 2) return title;
  const site = options.siteName ? simplify(options.siteName) : '';
  const hostWords = options.host ? simplify(options.host.replace(/^www\./, '').split('.').slice(0, -1).join('')) : '';
  const isSite = (part: string): boolean => {
    const s = simplify(part);
    if (s === '') return true;
    return (site !== '' && (s === site || s.includes(site) || site.includes(s))) || (hostWords !== '' && (s === hostWords || s.includes(hostWords)));
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
