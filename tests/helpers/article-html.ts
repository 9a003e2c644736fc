/** A small but realistic article page, so the parse stage has a body to find. */
export function articleHtml(title: string, options: { links?: string[]; date?: string; extra?: string } = {}): string {
  const links = (options.links ?? []).map((href, i) => `<p>Read the earlier report <a href="${href}">number ${i + 1}</a> for background on the shelling of the district.</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Example News</title>
<meta property="og:title" content="${title}"><meta property="article:published_time" content="${options.date ?? '2024-03-05T08:00:00Z'}">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>${title}</h1>
<p>Three people were killed and twelve others were injured when a missile struck a residential building in Kharkiv on Monday, regional governor Oleh Syniehubov said.</p>
<p>Rescue workers searched the rubble through the night, and the city administration said that power and water had been restored to most of the affected district by the morning.</p>
<p>The attack was the third on the city this month. Officials said air defence systems had intercepted several drones over the region before dawn, but one missile got through.</p>
${links}
${options.extra ?? ''}
</article><footer>© Example News</footer></body></html>`;
}
