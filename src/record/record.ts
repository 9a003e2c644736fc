import { z } from 'zod';

/**
 * Record schema v1: what every sink and subscriber receives. One source for both the TypeScript
 * types (z.infer) and the API's OpenAPI document (z.toJSONSchema, src/api/schemas.ts).
 */
export const SCHEMA_VERSION = 1 as const;

export const referenceSchema = z.object({
  url: z.string(),
  text: z.string().optional().describe('Anchor text, or the title a plain-text article gives the link ("Related article: …").'),
});
export type Reference = z.infer<typeof referenceSchema>;

export const mentionSchema = z.object({
  start: z.number().int().describe("UTF-16 offset into the record's `text`."),
  end: z.number().int(),
});
export type Mention = z.infer<typeof mentionSchema>;

export const entityTypeSchema = z.enum(['person', 'organization', 'location', 'weapon', 'nationality', 'group']);
export type EntityType = z.infer<typeof entityTypeSchema>;

export const entitySchema = z.object({
  name: z.string().describe('Canonical name ("Vladimir Putin", "Russia").'),
  type: entityTypeSchema,
  aliases: z.array(z.string()).optional().describe('Other surface forms seen in the text and merged into this entity.'),
  mentions: z.array(mentionSchema),
});
export type Entity = z.infer<typeof entitySchema>;

export const casualtyKindSchema = z.enum(['killed', 'injured', 'missing', 'captured', 'detained', 'displaced', 'evacuated']);
export type CasualtyKind = z.infer<typeof casualtyKindSchema>;

export const casualtyFigureSchema = z.object({
  kind: casualtyKindSchema,
  count: z.number().int().nullable().describe('The number the text gives; null when only vague ("dozens") — see min.'),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  approximate: z.boolean(),
  negated: z.boolean().describe('"No deaths were reported": count 0, negated true.'),
  who: z.string().optional(),
  where: z.string().optional(),
  when: z.string().optional().describe('Event date, ISO 8601 at the precision the text gives (2024-01-02, 2023-W52, 2022-02), resolved against the publication date, never after it.'),
  attribution: z.string().optional().describe('Who said it ("Gladkov", "the Defense Ministry").'),
  aggregate: z.boolean().optional().describe('True when the figure sums up a period ("in recent days") rather than one event.'),
  note: z.string().optional().describe('An assumption the extractor made, e.g. that "casualties" were counted as injured.'),
  total: z.boolean().optional().describe('True when the figure is a running total that restates the others ("the death toll rose to 25").'),
  sentence: z.string().describe('Provenance: the sentence the figure comes from.'),
  start: z.number().int().describe("The figure's phrase: UTF-16 offsets into `text`."),
  end: z.number().int(),
});
export type CasualtyFigure = z.infer<typeof casualtyFigureSchema>;

export const casualtySummarySchema = z.partialRecord(casualtyKindSchema, z.object({ count: z.number().int(), approximate: z.boolean() }));
export type CasualtySummary = z.infer<typeof casualtySummarySchema>;

export const extractedFactsSchema = z.object({
  entities: z.array(entitySchema),
  casualties: z.array(casualtyFigureSchema),
  summary: casualtySummarySchema,
  extractedChars: z.number().int().optional().describe('Set only when the text was longer than the extraction bound (pipeline.extractMaxChars): entities and figures come from text[0, extractedChars).'),
});
export type ExtractedFacts = z.infer<typeof extractedFactsSchema>;

/** What the parse stage produces: everything but identity, provenance and extraction. */
export const parsedArticleSchema = z.object({
  url: z.string().nullable().describe('The article\'s own URL (given, or found in the text as "Original url:"), canonicalized.'),
  canonicalUrl: z.string().nullable(),
  title: z.string().nullable(),
  authors: z.array(z.string()),
  publishedAt: z.string().nullable(),
  modifiedAt: z.string().nullable(),
  language: z.string().nullable(),
  siteName: z.string().nullable(),
  description: z.string().nullable(),
  image: z.string().nullable(),
  tags: z.array(z.string()),
  text: z.string(),
  references: z.array(referenceSchema).describe('Links the article body points to, its own URL excluded.'),
});
export type ParsedArticle = z.infer<typeof parsedArticleSchema>;

/** A figure as `changes` lists it: enough to recognise it, with the sentence it came from. */
export const figureDigestSchema = casualtyFigureSchema.pick({ kind: true, count: true, min: true, max: true, approximate: true, negated: true, sentence: true });
export type FigureDigest = z.infer<typeof figureDigestSchema>;

/** What moved between a record version and the one before it. */
export const recordChangesSchema = z.object({
  summary: z
    .partialRecord(casualtyKindSchema, z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }))
    .describe('Per casualty kind whose summary moved: {"killed": {"from": 1, "to": 25}} (null: the kind was absent).'),
  figuresAdded: z.array(figureDigestSchema).describe('Figures the new text reports that the previous one did not.'),
  figuresRemoved: z.array(figureDigestSchema).describe('Figures the previous text reported that the new one does not.'),
  title: z.object({ from: z.string().nullable(), to: z.string().nullable() }).optional().describe('Set when the title changed.'),
  textLength: z.object({ from: z.number().int(), to: z.number().int() }).describe('Length of `text` before and after, in characters.'),
});
export type RecordChanges = z.infer<typeof recordChangesSchema>;

export const recordSourceSchema = z.object({
  kind: z.enum(['fetched', 'submitted']),
  host: z.string().nullable(),
  siteName: z.string().nullable(),
});
export type RecordSource = z.infer<typeof recordSourceSchema>;

export const sitrepRecordSchema = parsedArticleSchema
  .extend(extractedFactsSchema.shape)
  .extend({
    id: z.string().describe('Stable id: derived from the canonical URL, or from the content of a submitted article without one.'),
    finalUrl: z.string().nullable().describe("The URL after redirects (fetched records), else the record's url."),
    source: recordSourceSchema,
    parentId: z.string().nullable().describe('Id of the record that referenced this one, if any.'),
    contentHash: z.string().describe('sha256 of `text`, hex.'),
    version: z.number().int().min(1).describe('1 for the first record of a URL; each refetch whose text changed adds one.'),
    previousContentHash: z.string().nullable().describe('contentHash of the version before this one; null for version 1.'),
    changes: recordChangesSchema.nullable().describe('What changed since the previous version; null for version 1.'),
    fetchedAt: z.string().nullable(),
    processedAt: z.string(),
    schemaVersion: z.literal(SCHEMA_VERSION),
  })
  .describe('A record, schema v1 (README: "Record schema").');
export type SitrepRecord = z.infer<typeof sitrepRecordSchema>;
