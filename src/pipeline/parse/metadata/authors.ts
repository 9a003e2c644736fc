/** Author names as a clean list: no "By", roles, dates, reading times, e-mails, URLs or site names. */

const BY_RE = /^\s*(?:by|written by|posted by|von|par|por|автор[:]?|от)\s+/i;
const SPLIT_RE = /\s*(?:,|;|\s+and\s+|\s+&\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+и\s+|\|)\s*/i;
const NOISE_RE =
  /\b(?:staff writer|staff reporter|correspondent|contributor|editor|reporter|columnist|senior writer|minute read|min read|updated|published|follow|twitter|email|associated press staff)\b/gi;
const JUNK_RE = /\d|@|https?:|www\.|\/|minute|read\b/i;

export function cleanAuthors(raw: readonly string[], options: { siteName?: string | null } = {}): string[] {
  const site = options.siteName?.toLowerCase().trim();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    for (let part of value.replace(BY_RE, '').split(SPLIT_RE)) {
      part = part.replace(BY_RE, '').replace(NOISE_RE, ' ').replace(/\s+/g, ' ').replace(/^[\s,.:;|–—-]+|[\s,.:;|–—-]+$/g, '');
      if (part.length < 3 || part.length > 60 || JUNK_RE.test(part)) continue;
      if (part.split(' ').length > 5) continue;
      const key = part.toLowerCase();
      if (key === site || seen.has(key)) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}
