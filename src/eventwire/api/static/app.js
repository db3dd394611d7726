/* eventwire dashboard.
 *
 * Plain JavaScript, no libraries, nothing loaded from the network: every chart is SVG drawn
 * here, the world outline is the bundled Natural Earth TopoJSON (world-atlas).
 * Data from the server is only ever put in the page as text (textContent / text nodes),
 * never parsed as HTML.
 */
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const QUADS = [
  { key: "q1_verbal_coop", code: 1, label: "verbal cooperation", color: "#7cc47f" },
  { key: "q2_material_coop", code: 2, label: "material cooperation", color: "#2e7d32" },
  { key: "q3_verbal_conflict", code: 3, label: "verbal conflict", color: "#f2a541" },
  { key: "q4_material_conflict", code: 4, label: "material conflict", color: "#c62828" },
];
const QUAD_LABEL = Object.fromEntries(QUADS.map((q) => [q.code, q.label]));
const KINDS = {
  actor: "actor", recipient: "recipient", trigger: "trigger", time: "time", place: "place",
  evidence: "event text", quote: "quote", speaker: "speaker", cue: "quote cue", entity: "other actor",
};

/* ------------------------------------------------------------------ DOM helpers */

function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}

function s(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG_NS, tag);
  setAttrs(e, attrs);
  append(e, kids);
  return e;
}

function setAttrs(e, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.setAttribute("class", v);
    else if (k.startsWith("on") && typeof v === "function") e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(e, kids) {
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
}

function svgTitle(text) {
  return s("title", {}, text);
}

const main = () => document.getElementById("main");

function fmt(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  return Number(x).toFixed(digits);
}

function quadBadge(code) {
  if (code === null || code === undefined) return h("span", { class: "badge" }, "no quad");
  return h("span", { class: `badge q${code}` }, QUAD_LABEL[code] || `quad ${code}`);
}

function who(ents) {
  if (!ents || !ents.length) return "–";
  return ents.map((e) => {
    const code = [e.code, e.sector].filter(Boolean).join(" ");
    const label = e.name || e.entity_text;
    return code ? `${label} (${code})` : label;
  }).join("; ");
}

/* ------------------------------------------------------------------ API */

let busy = 0;

function setStatus(text, kind) {
  const st = document.getElementById("status");
  st.className = kind || "";
  st.textContent = text || "";
}

async function api(path, params, options) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => url.searchParams.append(k, x));
    else url.searchParams.set(k, v);
  }
  busy += 1;
  setStatus("Loading…", "busy");
  try {
    const r = await fetch(url, options);
    let body = null;
    try { body = await r.json(); } catch (_) { body = null; }
    if (!r.ok) throw new Error(errorSentence(r, body));
    return body;
  } finally {
    busy -= 1;
    if (busy === 0) setStatus("");
  }
}

/** What went wrong, as a sentence: the server's ``detail`` (always a sentence from this API),
 * never raw validation JSON. */
function errorSentence(r, body) {
  let detail = body && body.detail;
  if (Array.isArray(detail)) detail = detail.map((d) => (d && d.msg ? `${(d.loc || []).slice(-1)[0] || "value"}: ${d.msg}` : String(d))).join("; ");
  else if (detail && typeof detail !== "string") detail = "the request was not understood";
  if (!detail) detail = r.status >= 500 ? "the server failed on this request" : (r.statusText || "request failed");
  return r.status === 422 ? `Check the filter: ${detail}.`.replace(/\.\.$/, ".") : `${detail} (HTTP ${r.status})`;
}

function showError(err) {
  setStatus(String(err && err.message ? err.message : err), "error");
}

/* ------------------------------------------------------------------ highlighted text */

/**
 * Text with spans highlighted. `spans` are {start, end, kind, label} with offsets into the
 * article; `base` is the article offset of text[0].  Overlapping spans are cut into
 * segments, each a <span> carrying one class per kind that covers it.
 */
function highlighted(text, spans, base = 0) {
  const n = text.length;
  const rel = [];
  for (const sp of spans || []) {
    const a = Math.max(0, sp.start - base);
    const b = Math.min(n, sp.end - base);
    if (b > a) rel.push({ a, b, kind: sp.kind, label: sp.label });
  }
  const cuts = new Set([0, n]);
  rel.forEach((r) => { cuts.add(r.a); cuts.add(r.b); });
  const points = [...cuts].sort((x, y) => x - y);
  const out = h("div", { class: "hltext" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const cover = rel.filter((r) => r.a <= a && r.b >= b);
    if (!cover.length) {
      out.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(cover.map((c) => c.kind))];
    const title = cover.map((c) => `${KINDS[c.kind] || c.kind}${c.label ? ": " + c.label : ""}`).join("\n");
    out.append(h("span", {
      class: ["hl", ...kinds.map((k) => "hl-" + k)].join(" "),
      title,
      "data-kinds": kinds.join(" "),
    }, piece));
  }
  return out;
}

function legend(kinds) {
  return h("div", { class: "legend" }, kinds.map((k) => h("span", { class: `hl hl-${k}` }, KINDS[k] || k)));
}

/* ------------------------------------------------------------------ routing */

const VIEWS = {};

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || "overview", arg: parts[1] || null, params: new URLSearchParams(query || "") };
}

function hashOf(view, params, arg) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    if (Array.isArray(v)) v.filter((x) => x !== "" && x !== null && x !== undefined).forEach((x) => q.append(k, x));
    else q.set(k, v === true ? "1" : v);
  }
  const qs = q.toString();
  return `#/${view}${arg ? "/" + encodeURIComponent(arg) : ""}${qs ? "?" + qs : ""}`;
}

function go(view, params, arg) {
  const target = hashOf(view, params, arg);
  if (window.location.hash === target) route();
  else window.location.hash = target;
}

async function route() {
  const { view, arg, params } = parseHash();
  const shared = sharedParams(params);
  document.querySelectorAll("#nav a[data-view]").forEach((a) => {
    const v = a.getAttribute("data-view");
    if (SHARED_VIEWS.includes(v)) a.setAttribute("href", hashOf(v, shared));
    a.classList.toggle("active", v === view || (v === "events" && view === "event") || (v === "articles" && view === "article"));
  });
  const render = VIEWS[view] || VIEWS.overview;
  // each render draws into its own container: a slower earlier one finishes off-page
  routeCount += 1;
  const mine = routeCount;
  const m = h("div", { class: "view", "data-view": view });
  main().replaceChildren(m);
  setStatus("");
  try {
    await render(m, params, arg);
    if (mine === routeCount) m.setAttribute("data-ready", "1");
  } catch (err) {
    if (mine === routeCount) showError(err);
  }
}

let routeCount = 0;

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  try {
    const health = await api("/api/health");
    const dbname = health.db.split("/").pop();
    document.getElementById("dbinfo").textContent = `${dbname}${health.writable ? " · ingest enabled" : " · read-only"}`;
  } catch (err) {
    showError(err);
  }
  route();
});

/* ------------------------------------------------------------------ shared bits */

function linkTo(view, params, arg, ...text) {
  return h("a", { href: hashOf(view, params, arg) }, ...text);
}

function pager(page, onMove) {
  const from = page.total ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  return h("div", { class: "pager" },
    h("button", { class: "secondary", type: "button", disabled: page.offset <= 0, onclick: () => onMove(Math.max(0, page.offset - page.limit)) }, "‹ Previous"),
    h("span", { class: "muted" }, `${from}–${to} of ${page.total}`),
    h("button", { class: "secondary", type: "button", disabled: to >= page.total, onclick: () => onMove(page.offset + page.limit) }, "Next ›"));
}

/** The events table; with ``opts.sort`` and ``opts.onSort`` its headers sort it (server side). */
function eventTable(items, opts = {}) {
  const head = (label, key, cls) => {
    if (!key || !opts.onSort) return h("th", { class: cls || null }, label);
    const cur = opts.sort || "-date";
    const on = cur === key || cur === "-" + key;
    const next = cur === "-" + key ? key : "-" + key;
    return h("th", { class: `${cls || ""} sortable${on ? " sorted" : ""}`.trim(), "data-sort": key,
      title: `sort by ${label}`, onclick: () => opts.onSort(next) },
    label, on ? (cur.startsWith("-") ? " ▼" : " ▲") : "");
  };
  const table = h("table", { class: "data events-table" },
    h("thead", {}, h("tr", {},
      head("date", "date"), head("event", "type"), h("th", {}, "actor"), h("th", {}, "recipient"),
      h("th", {}, "evidence"), head("ment/art/src", "mentions", "num"),
      head("Goldstein", "goldstein", "num"), head("confidence", "confidence", "num"), h("th", {}, "quad"))),
    h("tbody", {}, items.map((e) => h("tr", {
      class: "click", "data-event-id": e.id,
      onclick: () => go("event", {}, e.id),
    },
    h("td", { class: "day" }, e.day || e.date || "–"),
    h("td", {}, h("a", { href: `#/event/${encodeURIComponent(e.id)}` }, e.event), e.mode && e.mode.length ? h("div", { class: "small muted" }, e.mode.join(", ")) : null),
    h("td", {}, who(e.actor)),
    h("td", {}, who(e.recipient)),
    h("td", { class: "text" }, e.event_text, h("div", { class: "small muted", title: e.title || "" }, e.source || "")),
    h("td", { class: "num" }, `${e.num_mentions}/${e.num_articles}/${e.num_sources}`),
    h("td", { class: "num" }, fmt(e.goldstein)),
    h("td", { class: "num" }, fmt(e.confidence, 2)),
    h("td", {}, quadBadge(e.quad_code))))));
  if (!items.length) return h("p", { class: "muted empty" }, opts.empty || "No events match.");
  return table;
}

/** URL parameters as an object; repeated ones (type=A&type=B) as arrays. */
function paramsObj(params) {
  const out = {};
  for (const [k, v] of params.entries()) {
    if (k in out) out[k] = [].concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

/* ------------------------------------------------------------------ overview */

VIEWS.overview = async (m) => {
  const st = await api("/api/stats");
  m.append(h("h1", {}, "Corpus"));
  const c = st.counts;
  m.append(h("div", { class: "cards" },
    [["articles", c.articles], ["events (deduplicated)", c.events], ["event mentions", c.event_mentions],
      ["quotes", c.quotes], ["actor mentions", c.entities], ["places", c.places], ["rejected records", c.rejects],
      ["sources", st.sources]]
      .map(([l, n]) => h("div", { class: "card" }, h("div", { class: "n" }, n ?? 0), h("div", { class: "l" }, l)))));
  m.append(h("p", { class: "muted" }, st.first_date ? `Articles dated ${st.first_date} to ${st.last_date}.` : "No dated articles.",
    st.meta.dedup_method ? ` Deduplication: ${st.meta.dedup_method}.` : ""));
  if (!c.articles) {
    m.append(h("div", { class: "panel" }, "The database is empty. Add articles with ",
      h("code", {}, "eventwire ingest PATH --db FILE"), "."));
    return;
  }
  const row = h("div", { class: "row" });
  const byType = h("div", { class: "panel grow" }, h("h2", {}, "Events by type"));
  const max = Math.max(1, ...st.events_by_type.map((r) => r.events));
  byType.append(barList(st.events_by_type.map((r) => ({
    // the corpus's counts are of every event: the link lists every status and confidence
    label: r.event, value: r.events, href: hashOf("events", { type: r.event, status: "all", min_confidence: "0" }),
  })), max));
  const byQuad = h("div", { class: "panel side" }, h("h2", {}, "By quad class"),
    h("ul", { class: "plain" }, st.events_by_quad.map((r) => h("li", {}, quadBadge(r.quad_code), ` ${r.events}`))),
    h("h2", {}, "Top sources"),
    h("ul", { class: "plain" }, st.top_sources.map((r) => h("li", {}, `${r.source || "(no source)"}: ${r.articles}`))));
  row.append(byType, byQuad);
  m.append(row);
};

function barList(rows, max) {
  const w = 560;
  const rowH = 20;
  const svg = s("svg", { viewBox: `0 0 ${w} ${rows.length * rowH + 4}`, class: "barlist" });
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    const bw = Math.max(1, (r.value / max) * (w - 200));
    const a = s("a", { href: r.href });
    a.append(s("text", { x: 0, y: y + 14 }, r.label));
    a.append(s("rect", { x: 110, y: y + 3, width: bw, height: rowH - 6, fill: "#5b7db1", rx: 2 }, svgTitle(`${r.label}: ${r.value}`)));
    a.append(s("text", { x: 116 + bw, y: y + 14 }, String(r.value)));
    svg.append(a);
  });
  return h("div", { class: "chart" }, svg);
}

VIEWS.event = async (m, _params, id) => {
  const ev = await api(`/api/events/${encodeURIComponent(id)}`);
  m.append(h("h1", {}, `${ev.event} `, quadBadge(ev.quad_code)));
  const rep = ev.mentions.find((x) => x.article_id === ev.representative.article_id && x.idx === ev.representative.idx) || ev.mentions[0];
  m.append(h("div", { class: "panel", id: "event-summary" }, h("dl", { class: "kv" },
    h("dt", {}, "day"), h("dd", {}, ev.first_day === ev.last_day ? (ev.day || "–") : `${ev.first_day} to ${ev.last_day}`),
    h("dt", {}, "actor"), h("dd", {}, rep ? who(rep.actor) : "–"),
    h("dt", {}, "recipient"), h("dd", {}, rep ? who(rep.recipient) : "–"),
    h("dt", {}, "mode / context"), h("dd", {}, rep ? [...rep.mode, ...rep.context].join(", ") || "–" : "–"),
    h("dt", {}, "PLOVER scale"), h("dd", {}, fmt(ev.event_scale)),
    h("dt", {}, "Goldstein"), h("dd", {}, fmt(ev.goldstein), rep && rep.cameo_root ? ` (CAMEO root ${rep.cameo_root})` : ""),
    h("dt", {}, "place"), h("dd", {}, rep && rep.event_loc ? placeText(rep.event_loc) : "–"),
    h("dt", {}, "reported"), h("dd", {}, `${ev.num_mentions} mention(s) in ${ev.num_articles} article(s) from ${ev.num_sources} source(s)`),
    h("dt", {}, "deduplication"), h("dd", {}, ev.method))));
  m.append(h("h2", {}, ev.mentions.length < ev.num_mentions ? `Mentions (the first ${ev.mentions.length} of ${ev.num_mentions})` : `Mentions (${ev.mentions.length})`));
  m.append(legend(["actor", "recipient", "trigger", "time", "place", "quote", "evidence"]));
  for (const x of ev.mentions) {
    const card = h("div", { class: "mention", "data-article": x.article_id },
      h("div", { class: "meta" }, linkTo("article", {}, x.article_id, x.title || x.article_id),
        ` · ${x.source || "no source"} · article of ${x.article_date || "no date"} · event date ${x.date || "–"}`,
        x.date_source ? ` (from ${x.date_source})` : ""),
      highlighted(x.window.text, x.spans, x.window.start),
      h("dl", { class: "kv small" },
        h("dt", {}, "trigger"), h("dd", {}, x.trigger || "–"),
        h("dt", {}, "actor → recipient"), h("dd", {}, `${who(x.actor)} → ${who(x.recipient)}`),
        x.stated_in ? [h("dt", {}, "stated in"), h("dd", { class: "stated-in" }, `${x.stated_in.spk_name || x.stated_in.speaker_text || "unknown speaker"}: `, h("q", {}, x.stated_in.content))] : null,
        x.event_loc && !x.spans.some((sp) => sp.kind === "place") ? [h("dt", {}, "place"), h("dd", {}, placeText(x.event_loc), x.event_loc.from_dateline ? " (dateline)" : "")] : null,
        h("dt", {}, "confidence"), h("dd", {}, fmt(x.confidence, 2))));
    m.append(card);
  }
};

function placeText(p) {
  const bits = [p.name || p.text, p.admin1, p.country_code].filter(Boolean);
  return bits.join(", ") + (p.lat !== null && p.lat !== undefined ? ` (${fmt(p.lat, 2)}, ${fmt(p.lon, 2)})` : "");
}

/* ------------------------------------------------------------------ articles */

VIEWS.articles = async (m, params) => {
  m.append(h("h1", {}, "Articles"));
  const t = h("input", { type: "text", name: "text", value: params.get("text") || "" });
  const src = h("input", { type: "text", name: "source", value: params.get("source") || "" });
  const form = h("form", { class: "filters panel" }, h("label", {}, "words", t), h("label", {}, "source", src), h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go("articles", { text: t.value, source: src.value }); });
  m.append(form);
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/articles", { text: params.get("text"), source: params.get("source"), limit: 50, offset });
  const panel = h("div", { class: "panel" }, h("table", { class: "data", id: "articles-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "date"), h("th", {}, "title"), h("th", {}, "source"),
      h("th", { class: "num" }, "events"), h("th", { class: "num" }, "quotes"))),
    h("tbody", {}, page.items.map((a) => h("tr", { class: "click", onclick: () => go("article", {}, a.id) },
      h("td", {}, a.date || "–"), h("td", {}, linkTo("article", {}, a.id, a.title || a.id)), h("td", {}, a.source || ""),
      h("td", { class: "num" }, a.n_events), h("td", { class: "num" }, a.n_quotes))))));
  if (page.total > page.limit) panel.append(pager(page, (o) => go("articles", { text: t.value, source: src.value, offset: o })));
  m.append(panel);
};

VIEWS.article = async (m, _params, id) => {
  const doc = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = doc.article;
  m.append(h("h1", {}, a.title || `Article ${a.id}`));
  m.append(h("div", { class: "muted" }, [a.date, a.source, a.url].filter(Boolean).join(" · ")));
  renderCoded(m, doc, doc.spans, true);
};

/** The coded document: highlighted text, events, quotes, times, places, warnings. */
function renderCoded(m, doc, spans, linkEvents) {
  const text = doc.article.text || "";
  const row = h("div", { class: "row" });
  const left = h("div", { class: "panel grow", id: "coded-text" },
    legend(["actor", "recipient", "trigger", "time", "place", "quote", "speaker", "cue", "entity"]),
    highlighted(text, spans, 0));
  const right = h("div", { class: "panel side" });
  right.append(h("h2", {}, `Events (${doc.events.length})`));
  right.append(doc.events.length ? h("ol", { class: "small", id: "coded-events" }, doc.events.map((e) => h("li", {},
    linkEvents && e.cluster_id ? h("a", { href: `#/event/${encodeURIComponent(e.cluster_id)}` }, e.event) : h("strong", {}, e.event),
    e.mode && e.mode.length ? ` (${e.mode.join(", ")})` : "",
    `: ${who(e.actor)} → ${who(e.recipient)}`, e.date ? ` · ${e.date}` : "",
    h("div", { class: "muted" }, `“${e.event_text}”`)))) : h("p", { class: "muted" }, "none"));
  right.append(h("h2", {}, `Quotes (${doc.quotes.length})`));
  right.append(doc.quotes.length ? h("ul", { class: "small plain" }, doc.quotes.map((q) => h("li", {},
    h("strong", {}, (q.speaker && (q.speaker.name || q.speaker.entity_text)) || q.speaker_text || "unattributed"),
    q.cue ? ` (${q.cue}, ${q.kind})` : ` (${q.kind})`, h("blockquote", { class: "quote" }, q.content)))) : h("p", { class: "muted" }, "none"));
  right.append(h("h2", {}, `Times (${doc.times.length})`));
  right.append(h("ul", { class: "small plain" }, doc.times.map((t) => h("li", {}, `${t.text} → ${t.type} ${t.value || "?"}`))));
  right.append(h("h2", {}, `Places (${doc.places.length})`));
  right.append(h("ul", { class: "small plain" }, doc.places.map((p) => h("li", {}, `${p.text} → ${placeText(p)}`))));
  if (doc.warnings && doc.warnings.length) {
    right.append(h("h2", {}, "Warnings"));
    right.append(h("ul", { class: "small warn" }, doc.warnings.map((w) => h("li", {}, `${w.code}: ${w.message}`))));
  }
  row.append(left, right);
  m.append(row);
}

/* ------------------------------------------------------------------ code an article */

VIEWS.code = async (m) => {
  m.append(h("h1", {}, "Code an article"));
  const ta = h("textarea", { id: "code-text", placeholder: "Paste the body of a news article here…", spellcheck: "false" });
  const date = h("input", { type: "date", id: "code-date" });
  const title = h("input", { type: "text", id: "code-title", placeholder: "optional" });
  const exSel = h("select", { id: "code-example" }, h("option", { value: "" }, "load an example…"));
  const btn = h("button", { type: "submit", id: "code-run" }, "Code it");
  const form = h("form", { class: "panel", id: "code-form" },
    h("div", { class: "filters" }, h("label", {}, "article date", date), h("label", {}, "title", title), h("label", {}, "example", exSel)),
    h("p", {}, ta), btn, h("span", { class: "muted small", id: "code-info" }, " At most 200 kB. Nothing is stored."));
  m.append(form);
  const out = h("div", { id: "code-result" });
  m.append(out);
  let examples = [];
  try {
    examples = (await api("/api/examples")).items;
  } catch (err) {
    showError(err);
  }
  examples.forEach((ex, i) => exSel.append(h("option", { value: String(i) }, `${ex.label}${ex.date ? " (" + ex.date + ")" : ""}`)));
  if (examples.length) {
    exSel.value = "0";
    ta.value = examples[0].text;
    date.value = examples[0].date || "";
    title.value = examples[0].title || "";
  }
  exSel.addEventListener("change", () => {
    const ex = examples[Number(exSel.value)];
    if (!ex) return;
    ta.value = ex.text;
    date.value = ex.date || "";
    title.value = ex.title || "";
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    if (!ta.value.trim()) {
      setStatus("Paste some text first.", "error");
      return;
    }
    btn.disabled = true;
    const info = document.getElementById("code-info");
    const t0 = performance.now();
    try {
      const health = await api("/api/health");
      info.textContent = health.pipeline_loaded
        ? " Coding…"
        : " Coding… the first request loads the language model and the knowledge bases, which can take a minute.";
      const doc = await api("/api/code", { spans: "true" }, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: ta.value, date: date.value || null, title: title.value || null }),
      });
      out.append(h("p", { class: "muted small" }, `Coded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${doc.events.length} event(s), ${doc.quotes.length} quote(s), ${doc.entities.length} actor mention(s).`));
      renderCoded(out, doc, doc.spans, false);
      out.append(h("details", { class: "panel" }, h("summary", {}, "The output contract (JSON)"),
        h("pre", { class: "small" }, JSON.stringify({ ...doc, spans: undefined }, null, 1))));
    } catch (err) {
      showError(err);
    } finally {
      btn.disabled = false;
      info.textContent = " At most 200 kB. Nothing is stored.";
    }
  });
};
