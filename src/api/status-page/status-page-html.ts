/**
 * The status page: one self-contained document (no build step, no CDN: the machine may be offline).
 * It polls /v1/status and listens to /v1/records/stream; the browser sends the credentials it
 * logged in with to both, as they are on the same origin.
 */
export const STATUS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sitrep status</title>
<style>
  :root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de; }
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1200px; }
  header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
  h1 { font-size: 1.4rem; margin: 0; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
  .muted { color: var(--muted); } .bad { color: var(--bad); } .ok { color: var(--ok); }
  #live::before { content: "●"; margin-right: .3rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { font-weight: 600; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 0 2rem; }
  .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
  .spark { display: inline-flex; flex-direction: column; font-size: 10px; line-height: 1.1; color: var(--muted); }
  .spark span { display: flex; justify-content: space-between; gap: .5rem; }
  svg.spark-line { width: 120px; height: 26px; color: CanvasText; } svg.spark-line polyline { fill: none; stroke: currentColor; stroke-width: 1.5; }
  svg.spark-line line { stroke: var(--line); stroke-width: 1; }
  button { font: inherit; padding: 0 .5rem; cursor: pointer; }
  [hidden] { display: none !important; }
  @media (max-width: 600px) {
    body { padding: .5rem .6rem 2rem; }
    th, td { padding: .25rem .35rem; }
    .wide { display: none; }
  }
  tr.new { animation: flash 2s ease-out; } @keyframes flash { from { background: #fff3b0; } to { background: transparent; } }
  .fig { display: inline-block; margin: 0 .4rem .2rem 0; padding: 0 .4rem; border: 1px solid var(--line); border-radius: 4px; }
  a { color: inherit; }
</style>
</head>
<body>
<header>
  <h1>sitrep status</h1>
  <span id="live" class="muted" data-state="connecting">connecting…</span>
  <span class="muted">updated <time id="updated">—</time></span>
  <a id="admin-link" class="muted" href="admin/queues" hidden>queues dashboard</a>
</header>

<h2>Stages</h2>
<div class="scroll"><table id="stages"><thead><tr><th>stage</th><th title="completed per second over the last 10 s">/ s (10 s)</th><th title="completed over the last 60 s">/ min (60 s)</th><th class="wide" title="completed over the last 5 minutes">5 min</th><th title="last 15 minutes">done 15 min</th><th>failed</th><th class="wide">retried</th><th>failure rate</th><th title="one attempt's run time, p50 / p95 (last 15 minutes)">run p50 / p95</th><th title="enqueued → first attempt, p50 / p95">queue wait</th><th title="submitted → record, p50 / p95">submit → record</th><th class="wide">completed / min, 15 min</th></tr></thead><tbody></tbody></table></div>

<div class="grid">
  <section><h2>Queue depth</h2>
    <div class="scroll"><table id="queues"><thead><tr><th>queue</th><th>waiting</th><th>active</th><th>delayed</th><th>failed</th></tr></thead><tbody></tbody></table></div>
  </section>
  <section><h2>Dead letters <span id="dl-total" class="muted"></span></h2>
    <div class="scroll"><table id="dead-letters"><thead><tr><th>error code</th><th>count</th><th id="dl-actions" hidden></th></tr></thead><tbody></tbody></table></div>
    <p id="dl-result" class="muted" role="status"></p>
  </section>
</div>

<h2>Latest records</h2>
<div class="scroll"><table id="records"><thead><tr><th>processed</th><th>title</th><th>casualties</th></tr></thead><tbody></tbody></table></div>

<script>
"use strict";
const $ = (sel) => document.querySelector(sel);
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
function fill(tbody, rows, empty, span) {
  tbody.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: span, class: "muted" }, empty))]));
}
function sum(a) { return a.reduce((x, y) => x + y, 0); }
function spark(values) {
  // A line per minute, oldest left; the labels give its scale and span (an axis in two words).
  const max = Math.max(1, ...values);
  const pts = values.map((v, i) => (i * 120 / Math.max(1, values.length - 1)).toFixed(1) + "," + (24 - v / max * 22).toFixed(1)).join(" ");
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "spark-line"); svg.setAttribute("viewBox", "0 0 120 26"); svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "completed per minute over the last " + values.length + " minutes, at most " + Math.max(...values));
  const base = document.createElementNS(ns, "line");
  base.setAttribute("x1", "0"); base.setAttribute("x2", "120"); base.setAttribute("y1", "24.5"); base.setAttribute("y2", "24.5");
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute("points", pts); svg.append(base, line);
  return el("span", { class: "spark" }, el("span", {}, el("span", {}, "max " + Math.max(...values) + "/min")), svg, el("span", {}, el("span", {}, "−" + values.length + " min"), el("span", {}, "now")));
}
function duration(ms) {
  if (ms === null || ms === undefined) return "—";
  return ms < 1000 ? ms + " ms" : ms < 60000 ? ms / 1000 + " s" : ms < 3600000 ? ms / 60000 + " min" : ms / 3600000 + " h";
}
function pair(p) { return p && p.count ? "≤" + duration(p.p50) + " / ≤" + duration(p.p95) : "—"; }
function figures(casualties) {
  const span = el("span");
  if (!casualties || casualties.length === 0) { span.append(el("span", { class: "muted" }, "none found")); return span; }
  for (const c of casualties) {
    const n = c.negated ? "no" : c.count !== null && c.count !== undefined ? c.count : c.min !== undefined ? "≥" + c.min : "some";
    span.append(el("span", { class: "fig", "data-kind": c.kind }, (c.approximate ? "≈" : "") + n + " " + c.kind));
  }
  return span;
}
function recordRow(r, fresh) {
  const title = r.url ? el("a", { href: r.url, rel: "noreferrer" }, r.title || r.url) : (r.title || r.id);
  return el("tr", { "data-record-id": r.id, class: fresh ? "new" : undefined },
    el("td", {}, el("time", { datetime: r.processedAt }, new Date(r.processedAt).toLocaleTimeString())), el("td", {}, title), el("td", {}, figures(r.casualties)));
}
function showRecord(r, fresh) {
  const tbody = $("#records tbody");
  const old = tbody.querySelector('tr[data-record-id="' + CSS.escape(r.id) + '"]');
  if (old) old.remove();
  const empty = tbody.querySelector("td.muted");
  if (empty) empty.parentElement.remove();
  tbody.prepend(recordRow(r, fresh));
  while (tbody.children.length > 20) tbody.lastElementChild.remove();
}

let pendingRefresh;
async function refresh() {
  const res = await fetch("v1/status", { headers: { accept: "application/json" } });
  if (!res.ok) { $("#updated").textContent = "error " + res.status; return; }
  const s = await res.json();
  $("#updated").textContent = new Date(s.generatedAt).toLocaleTimeString();
  const t = s.throughput;
  const stageNames = [...new Set([...Object.keys(t.stages), ...Object.keys(t.recent || {})])].sort();
  const zero = { completed: 0, failed: 0, retried: 0 };
  const stageRows = stageNames.map((stage) => {
    const o = t.stages[stage] || { completed: [], failed: [], retried: [] };
    const r = (t.recent || {})[stage] || { "10s": zero, "60s": zero, "5m": zero };
    const timing = (t.timings || {})[stage] || {};
    const done = sum(o.completed), failed = sum(o.failed), retried = sum(o.retried);
    const rate = done + failed ? failed / (done + failed) : 0;
    return el("tr", { "data-stage": stage },
      el("td", {}, stage),
      el("td", { class: "n", "data-col": "per-second" }, (r["10s"].completed / 10).toFixed(1)),
      el("td", { class: "n", "data-col": "per-minute" }, r["60s"].completed),
      el("td", { class: "n wide", "data-col": "five-minutes" }, r["5m"].completed),
      el("td", { class: "n" }, done),
      el("td", { class: "n" + (failed ? " bad" : "") }, failed), el("td", { class: "n wide" }, retried),
      el("td", { class: "n" + (rate > 0.1 ? " bad" : "") }, (rate * 100).toFixed(1) + " %"),
      el("td", { class: "n", "data-col": "duration" }, pair(timing.duration)),
      el("td", { class: "n", "data-col": "wait" }, pair(timing.wait)),
      el("td", { class: "n", "data-col": "latency" }, pair(timing.latency)),
      el("td", { class: "wide" }, spark(o.completed.length ? o.completed : [0])));
  });
  fill($("#stages tbody"), stageRows, "no jobs finished in the last 15 minutes", 12);
  const admin = Boolean(s.viewer && s.viewer.admin);
  $("#admin-link").hidden = !admin;
  $("#dl-actions").hidden = !admin;
  const queueRows = Object.entries(s.queues).map(([q, c]) => el("tr", { "data-queue": q }, el("td", {}, q),
    el("td", { class: "n" }, (c.waiting || 0) + (c.prioritized || 0)), el("td", { class: "n" }, c.active || 0), el("td", { class: "n" }, c.delayed || 0), el("td", { class: "n" }, c.failed || 0)));
  fill($("#queues tbody"), queueRows, "no queues", 5);
  $("#dl-total").textContent = "(" + s.deadLetters.total + ")";
  const dlRows = Object.entries(s.deadLetters.byCode).sort((a, b) => b[1] - a[1]).map(([code, n]) => {
    const name = admin ? el("a", { href: "v1/dead-letters?code=" + encodeURIComponent(code), title: "these dead letters, as JSON" }, code) : code;
    const row = el("tr", { "data-code": code }, el("td", {}, name), el("td", { class: "n bad" }, n));
    if (admin) {
      const button = el("button", { type: "button", "data-replay": code, title: "send these back to their queues (as sitrep dlq replay --all --code)" }, "replay");
      button.addEventListener("click", () => replay(code, button));
      row.append(el("td", {}, button));
    }
    return row;
  });
  fill($("#dead-letters tbody"), dlRows, "none", admin ? 3 : 2);
  const tbody = $("#records tbody");
  if (!tbody.children.length || tbody.querySelector("td.muted")) {
    if (s.records.length) { tbody.replaceChildren(); for (const r of [...s.records].reverse()) showRecord(r, false); }
    else fill(tbody, [], "no records yet", 3);
  }
}
async function replay(code, button) {
  button.disabled = true;
  const res = await fetch("v1/dead-letters/replay?code=" + encodeURIComponent(code), { method: "POST", headers: { accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  $("#dl-result").textContent = res.ok ? "replayed " + body.replayed + " " + code : "replay failed: " + ((body.error && body.error.message) || res.status);
  button.disabled = false;
  safeRefresh();
}
function safeRefresh() { refresh().catch((e) => { $("#updated").textContent = "error: " + e.message; }); }

function connect() {
  const live = $("#live");
  const source = new EventSource("v1/records/stream");
  source.addEventListener("open", () => { live.textContent = "live"; live.className = "ok"; live.dataset.state = "live"; });
  source.addEventListener("error", () => { live.textContent = "reconnecting…"; live.className = "bad"; live.dataset.state = "down"; });
  source.addEventListener("record", (event) => {
    const r = JSON.parse(event.data);
    showRecord({ id: r.id, title: r.title, url: r.url, processedAt: r.processedAt, casualties: r.casualties }, true);
    // The stage counters land just after the record: refresh a moment later, once per burst.
    clearTimeout(pendingRefresh);
    pendingRefresh = setTimeout(safeRefresh, 500);
  });
}
safeRefresh();
setInterval(safeRefresh, 5000);
connect();
</script>
</body>
</html>
`;
