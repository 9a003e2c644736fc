/** Record schema v1: what every sink and subscriber receives. */
export const SCHEMA_VERSION = 1 as const;

export interface Reference {
  url: string;
  /** Anchor text, or the title a plain-text article gives the link ("Related article: …"). */
  text?: string;
}

export interface Mention {
  /** UTF-16 offsets into the record's `text`. */
  start: number;
  end: number;
}

export type EntityType = 'person' | 'organization' | 'location' | 'weapon' | 'nationality' | 'group';

export interface Entity {
  /** Canonical name ("Vladimir Putin", "Russia"). */
  name: string;
  type: EntityType;
  /** Other surface forms seen in the text and merged into this entity. */
  aliases?: string[];
  mentions: Mention[];
}

export type CasualtyKind =
  | 'killed'
  | 'injured'
  | 'missing'
  | 'captured'
  | 'detained'
  | 'displaced'
  | 'evacuated';

export interface CasualtyFigure {
  kind: CasualtyKind;
  /** The number the text gives; null when only vague ("dozens") — see min. */
  count: number | null;
  min?: number;
  max?: number;
  approximate: boolean;
  /** "No deaths were reported": count 0, negated true. */
  negated: boolean;
  who?: string;
  where?: string;
  /** Event date, ISO 8601 at the precision the text gives (2024-01-02, 2023-W52, 2022-02), resolved against the publication date, never after it. */
  when?: string;
  /** Who said it ("Gladkov", "the Defense Ministry"). */
  attribution?: string;
  /** True when the figure sums up a period ("in recent days") rather than one event. */
  aggregate?: boolean;
  /** An assumption the extractor made, e.g. that "casualties" were counted as injured. */
  note?: string;
  /** True when the figure is a running total that restates the others ("the death toll rose to 25"). */
  total?: boolean;
  /** Provenance: the sentence and the figure's phrase offsets into `text`. */
  sentence: string;
  start: number;
  end: number;
}

export type CasualtySummary = Partial<Record<CasualtyKind, { count: number; approximate: boolean }>>;

export interface ExtractedFacts {
  entities: Entity[];
  casualties: CasualtyFigure[];
  summary: CasualtySummary;
  /** Set only when the text was longer than the extraction bound (pipeline.extractMaxChars): entities and figures come from text[0, extractedChars). */
  extractedChars?: number;
}

/** What the parse stage produces: everything but identity, provenance and extraction. */
export interface ParsedArticle {
  /** The article's own URL (given, or found in the text as "Original url:"), canonicalized. */
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  language: string | null;
  siteName: string | null;
  description: string | null;
  image: string | null;
  tags: string[];
  text: string;
  /** Links the article body points to, its own URL excluded. */
  references: Reference[];
}

/** A figure as `changes` lists it: enough to recognise it, with the sentence it came from. */
export type FigureDigest = Pick<CasualtyFigure, 'kind' | 'count' | 'min' | 'max' | 'approximate' | 'negated' | 'sentence'>;

/** What moved between a record version and the one before it. */
export interface RecordChanges {
  /** Per casualty kind whose summary moved: {"killed": {"from": 1, "to": 25}} (null: the kind was absent). */
  summary: Partial<Record<CasualtyKind, { from: number | null; to: number | null }>>;
  /** Figures the new text reports that the previous one did not, and the other way round. */
  figuresAdded: FigureDigest[];
  figuresRemoved: FigureDigest[];
  /** Set when the title changed. */
  title?: { from: string | null; to: string | null };
  /** Length of `text` before and after, in characters. */
  textLength: { from: number; to: number };
}

export interface RecordSource {
  kind: 'fetched' | 'submitted';
  host: string | null;
  siteName: string | null;
}

export interface SitrepRecord extends ParsedArticle, ExtractedFacts {
  /** Stable id: derived from the canonical URL, or from the content of a submitted article without one. */
  id: string;
  /** The URL after redirects (fetched records), else the record's url. */
  finalUrl: string | null;
  source: RecordSource;
  /** Id of the record that referenced this one, if any. */
  parentId: string | null;
  /** sha256 of `text`, hex. */
  contentHash: string;
  /** 1 for the first record of a URL; each refetch whose text changed adds one. */
  version: number;
  /** contentHash of the version before this one; null for version 1. */
  previousContentHash: string | null;
  /** What changed since the previous version; null for version 1. */
  changes: RecordChanges | null;
  fetchedAt: string | null;
  processedAt: string;
  schemaVersion: typeof SCHEMA_VERSION;
}
