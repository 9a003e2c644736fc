import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiTestApp, type ApiTestApp } from './api-test-app.js';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: string[];
  $ref?: string;
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('/openapi.json', () => {
  let t: ApiTestApp;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, JsonSchema> };
  };

  beforeAll(async () => {
    t = await createApiTestApp();
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json', headers: bearer('client') });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('lists every registered route and nothing else (bull-board UI routes are hidden by design)', () => {
    const registered = t.app.sitrepRoutes
      .filter((r) => r.method !== 'HEAD' && !r.hidden)
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`)
      .sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(registered);
    expect(t.app.sitrepRoutes.filter((r) => r.hidden).every((r) => r.url.startsWith('/admin/queues'))).toBe(true);
  });

  it('marks open routes as needing no credentials, and documents 401 on the others', () => {
    for (const r of t.app.sitrepRoutes.filter((x) => x.method !== 'HEAD' && !x.hidden)) {
      const op = doc.paths[toOpenApiPath(r.url)][r.method.toLowerCase()];
      if (r.access === 'public') expect(op.security, r.url).toEqual([]);
      else expect(Object.keys(op.responses), `${r.method} ${r.url}`).toContain('401');
    }
  });

  it('carries the full record schema (entities, casualties, summary, versions), generated from the zod schema of the types', () => {
    const record = doc.components.schemas.SitrepRecord;
    for (const field of ['id', 'url', 'text', 'entities', 'casualties', 'summary', 'version', 'previousContentHash', 'changes', 'source', 'contentHash', 'schemaVersion']) {
      expect(record.required, field).toContain(field);
    }
    const entity = record.properties?.entities.items;
    expect(entity?.properties?.type.enum).toEqual(['person', 'organization', 'location', 'weapon', 'nationality', 'group']);
    expect(entity?.properties?.mentions.items?.required).toEqual(['start', 'end']);
    const figure = record.properties?.casualties.items;
    expect(figure?.properties?.kind.enum).toContain('killed');
    expect(figure?.required).toEqual(expect.arrayContaining(['kind', 'count', 'approximate', 'negated', 'sentence', 'start', 'end']));
    const changes = record.properties?.changes.anyOf?.find((s) => s.type === 'object');
    expect(changes?.required).toEqual(expect.arrayContaining(['summary', 'figuresAdded', 'figuresRemoved', 'textLength']));
    const ok = (path: string) => JSON.stringify(doc.paths[path].get.responses['200']);
    expect(ok('/v1/records/{id}')).toContain('SitrepRecord');
    expect(ok('/v1/records')).toContain('SitrepRecord');
  });
});
