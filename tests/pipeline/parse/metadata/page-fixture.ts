/** Builds small invented article pages for metadata tests: head markup plus a plausible body. */
export const PROSE = [
  'The regional council approved the new flood defences on Tuesday after a long debate, the chair said.',
  'Work on the embankment will start in spring and should take two years, according to the plan.',
  'Residents of the lower town, which flooded twice last winter, welcomed the decision but asked for faster repairs.',
];

export function page(head: string, options: { body?: string; htmlAttrs?: string } = {}): string {
  const body = options.body ?? `<article><h1>Council approves flood defences</h1>${PROSE.map((p) => `<p>${p}</p>`).join('')}</article>`;
  return `<!DOCTYPE html><html${options.htmlAttrs ?? ''}><head>${head}</head><body>${body}</body></html>`;
}

export function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${typeof value === 'string' ? value : JSON.stringify(value)}</script>`;
}
