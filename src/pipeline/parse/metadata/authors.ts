/** Author names as a clean list: no "By", roles, dates, reading times, e-mails, URLs or site names. */

const BY_RE = /^\s*(?:(?:written|posted|authored|reviewed|reported|recipe|sponsored|story|words)\s+by|by|von|par|por|автор|от)\s*:?\s+/i;
/** Roles and profile links after a name ("Rasmus Barslund Founder", "A. J. Neal View", "Chris McNamara ⋅ Founder"). */
const ROLE_TAIL_RE = /(?:\s*[⋅·|,–—-]\s*|\s+)(?:co-?founder|founder|ceo|cto|president|owner|editor-in-chief|senior|lead|view(?:\s+(?:profile|all))?|full bio|profile)\b.*$/iu;
/** A newsroom role set apart from the name, or qualified ("Ben Ames ⋅ Review Editor", "Ana Ruiz, Staff Writer"). */
const NEWSROOM_ROLE_RE =
  /(?:\s*[⋅·|,–—-]\s*(?:(?:staff|senior|lead|contributing|review|reviews|managing|deputy|associate|executive|news|features?|health|science|sports?|tech|technology)\s+)?|\s+(?:staff|senior|lead|contributing|review|reviews|managing|deputy|associate|executive)\s+)(?:writer|editor|reporter|correspondent|columnist|contributor|journalist)s?\b.*$/iu;
/**
 * Words glued by a layout without spaces ("Wedding ChecklistsJust EngagedWedding"): a long lower-case run, then a
 * capital, twice (once is a brand: "ServiceTitan", "Mark SubbaRao").
 */
const GLUED_WORDS_RE = /\p{Ll}{4}\p{Lu}.*\p{Ll}{4}\p{Lu}/u;
/** A role glued to the name by a layout without spaces ("Mateusz HabernyFounder"). */
const GLUED_ROLE_RE = /(?<=\p{Ll})(?:Co-?[Ff]ounder|Founder|CEO|Editor|Author)\b.*$/u;
const SPLIT_RE = /\s*(?:,|;|\s+and\s+|\s+&\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+и\s+|\|)\s*/i;
const NOISE_RE = /\b(?:minute read|min read|updated|published|follow|twitter|email|sponsored)\b/gi;
/** What bylines add after the name: a date, "on …", "in <section>", "Updated", a reading time, a comment count. */
const TAIL_RE =
  /\s+(?:on|in|at|updated|published|posted|last|•|·)\s.*$|\s*[•·|/]\s.*$|,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d.*$|,?\s+\d{1,4}[./-]\d.*$|\s+\d+\s+(?:comments?|responses?|replies)\b.*$/i;
/**
 * The same labels glued to the name by a layout without spaces ("Korin MillerPublished", "Kathryn
 * GiuffridaMar 5, 2025", "Rhonda Krause UpdatedJanuary 8"): a capital right after a lower-case letter.
 */
const GLUED_TAIL_RE =
  /(?:(?<=\p{Ll})|\s+)(?:Published|Updated|Posted|Modified|Last\s+updated)(?=\P{L}|\p{Lu}|$).*$|(?<=\p{Ll})(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\p{Ll}*\.?\s*\d.*$/u;
/** Quotes around a name ("\"David Kim\"", «Иван Петров»). */
const QUOTES_RE = /^["'“”‘’«»„]+|["'“”‘’«»]+$/g;
/** Roles, agencies' staff lines, placeholders and domains are not names. */
const JUNK_RE =
  /\d|@|https?:|www\.|\/|minute|(?<!\p{L})(?:read|writer|editor|website|fact|checked|comments?|reporter|correspondent|contributor|columnist|bureau|admin|administrator|guest|author|authors|skip|content|role|type|company|share|home|menu|search|login|learn|view|bio|posts|articles|contact|subscribe|newsletter|policies|гость|редакция|redaktion|rédaction|redacción)(?!\p{L})|admin$|\.(?:com|net|org|co|ru|in|uk|de)(?!\p{L})/iu;
/** A team credited without its name ("Staff", "The Team", "Editorial Desk") names nobody; "Podium Staff" names the team. */
const BARE_TEAM_RE = /^(?:the\s+)?(?:(?:editorial|news|web|content)\s+)?(?:staff|team|desk|newsdesk)$|^team$/i;
/** Wire agencies and outlets credited as authors are organizations, not people. */
const ORGANIZATIONS = new Set(['reuters', 'ap', 'afp', 'associated press', 'the associated press', 'bloomberg', 'dpa', 'ria novosti', 'tass', 'interfax', 'xinhua', 'upi', 'ani', 'pti', 'ians']);

export interface CleanAuthorsOptions {
  /** Names equal to (or heading) the site's name are refused. Default: none. */
  siteName?: string | null;
  /** The names come from structured data (JSON-LD, meta): a name in capitals is a name, not a label. Default false. */
  structured?: boolean;
  /** A team credited without its name ("Staff", "News Desk") is kept: the page's credit when it names nobody else. Default false. */
  teams?: boolean;
}

/** The site's name, or its head ("Mark Denney" of "Mark Denney | Landscape Photography"); both lower-cased. */
function isSiteName(name: string, site: string): boolean {
  return site !== '' && (name === site || site.startsWith(`${name} `) || site.startsWith(`${name}|`));
}

/** A team's, desk's or company's credit ("Aidoc Staff", "Team Tiger Data", "Thomson Reuters Tax"), not a person's name. */
const CREDIT_WORD_RE = /\b(?:staff|team|desk|newsdesk|editors?|editorial|contributors?|news|media|inc|llc|ltd|group|tax|accounting)\b/i;
export function isTeamCredit(name: string): boolean {
  return CREDIT_WORD_RE.test(name);
}
/** A person's name: two words or more, no team or company word. */
export function isPersonName(name: string): boolean {
  return name.includes(' ') && !isTeamCredit(name);
}

/** Names that are not the site's name (see isSiteName); case is ignored. */
export function withoutSiteName(names: readonly string[], siteName: string | null): string[] {
  const site = siteName?.toLowerCase().trim() ?? '';
  return names.filter((name) => !isSiteName(name.toLowerCase(), site));
}

export function cleanAuthors(raw: readonly string[], options: CleanAuthorsOptions = {}): string[] {
  const site = options.siteName?.toLowerCase().trim();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of raw) {
    // "Name. Outlet" and "Name - Outlet": the outlet goes ("Sarah E. Needleman" keeps its initial).
    let index = -1;
    for (let part of value.replace(BY_RE, '').replace(GLUED_TAIL_RE, '').replace(/\s*\[.*$/, '').replace(GLUED_ROLE_RE, '').replace(NEWSROOM_ROLE_RE, '').replace(ROLE_TAIL_RE, '').replace(TAIL_RE, '').replace(/(?<!(?:^|\s)(?:\p{Lu}|Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr))\.\s+\p{Lu}.*$|\s+[-–—]\s+.*$/u, '').split(SPLIT_RE)) {
      index++;
      // A role after the name's comma is in lower case ("Vanessa Mendez, MD, gastroenterologist"); a name is not.
      if (index > 0 && /^\s*\p{Ll}/u.test(part)) continue;
      part = part.replace(BY_RE, '').replace(QUOTES_RE, '').replace(NOISE_RE, ' ').replace(/\s+/g, ' ').replace(/^[\s,.:;|–—-]+|[\s,.:;|–—-]+$/g, '');
      // "Brian Truitt USA TODAY": an outlet in capitals after a mixed-case name.
      if (/\p{Ll}/u.test(part)) part = part.replace(/(?:\s+[\p{Lu}&]{2,})+$/u, '');
      // A name in capitals only is a label ("COMPANY TYPE"), unless it is all there is to a long byline.
      if (!options.structured && !/\p{Ll}/u.test(part) && part.includes(' ')) continue;
      if (part.length < 3 || part.length > 60 || JUNK_RE.test(part) || GLUED_WORDS_RE.test(part) || (!options.teams && BARE_TEAM_RE.test(part))) continue;
      if (part.split(' ').length > 5) continue;
      const key = part.toLowerCase();
      if (seen.has(key) || ORGANIZATIONS.has(key) || (site !== undefined && isSiteName(key, site))) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}
