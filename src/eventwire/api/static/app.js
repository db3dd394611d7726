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
    if (!r.ok) {
      const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : r.statusText;
      throw new Error(`${r.status}: ${detail}`);
    }
    return body;
  } finally {
    busy -= 1;
    if (busy === 0) setStatus("");
  }
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

function go(view, params, arg) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    q.set(k, v === true ? "1" : v);
  }
  const qs = q.toString();
  const target = `#/${view}${arg ? "/" + encodeURIComponent(arg) : ""}${qs ? "?" + qs : ""}`;
  if (window.location.hash === target) route();
  else window.location.hash = target;
}

async function route() {
  const { view, arg, params } = parseHash();
  document.querySelectorAll("#nav a[data-view]").forEach((a) => {
    const v = a.getAttribute("data-view");
    a.classList.toggle("active", v === view || (v === "events" && view === "event") || (v === "articles" && view === "article"));
  });
  const render = VIEWS[view] || VIEWS.overview;
  const m = main();
  m.replaceChildren();
  setStatus("");
  try {
    await render(m, params, arg);
  } catch (err) {
    showError(err);
  }
}

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
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const qs = q.toString();
  return h("a", { href: `#/${view}${arg ? "/" + encodeURIComponent(arg) : ""}${qs ? "?" + qs : ""}` }, ...text);
}

function pager(page, onMove) {
  const from = page.total ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  return h("div", { class: "pager" },
    h("button", { class: "secondary", type: "button", disabled: page.offset <= 0, onclick: () => onMove(Math.max(0, page.offset - page.limit)) }, "‹ Previous"),
    h("span", { class: "muted" }, `${from}–${to} of ${page.total}`),
    h("button", { class: "secondary", type: "button", disabled: to >= page.total, onclick: () => onMove(page.offset + page.limit) }, "Next ›"));
}

function eventTable(items, opts = {}) {
  const table = h("table", { class: "data events-table" },
    h("thead", {}, h("tr", {},
      h("th", {}, "day"), h("th", {}, "event"), h("th", {}, "actor"), h("th", {}, "recipient"),
      h("th", {}, "evidence"), h("th", { class: "num", title: "mentions / articles / sources" }, "ment/art/src"),
      h("th", { class: "num" }, "Goldstein"), h("th", {}, "quad"))),
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
    h("td", {}, quadBadge(e.quad_code))))));
  if (!items.length) return h("p", { class: "muted empty" }, opts.empty || "No events match.");
  return table;
}

function paramsObj(params) {
  return Object.fromEntries([...params.entries()]);
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
    label: r.event, value: r.events, href: `#/events?type=${encodeURIComponent(r.event)}`,
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

/* ------------------------------------------------------------------ dyads */

let actorOptionsCache = null;

async function actorOptions() {
  if (actorOptionsCache) return actorOptionsCache;
  const [byCode, byName] = await Promise.all([
    api("/api/actors", { by: "code", limit: 500 }),
    api("/api/actors", { by: "name", limit: 300 }),
  ]);
  const codes = new Map();
  for (const r of byCode.items) {
    if (!r.code) continue;
    // a code is labelled by what it stands for (the country or organisation), never by the
    // name of whichever person coded with it is mentioned most
    const c = codes.get(r.code) || { value: r.code, events: 0, label: r.label || "" };
    c.events += (r.as_actor || 0) + (r.as_recipient || 0);
    codes.set(r.code, c);
  }
  const names = byName.items.filter((r) => r.name && (r.as_actor || r.as_recipient))
    .map((r) => ({ value: r.name, events: (r.as_actor || 0) + (r.as_recipient || 0), code: r.code }));
  actorOptionsCache = {
    codes: [...codes.values()].sort((a, b) => b.events - a.events || a.value.localeCompare(b.value)),
    names: names.sort((a, b) => b.events - a.events || a.value.localeCompare(b.value)),
  };
  return actorOptionsCache;
}

function actorSelect(id, opts, selected) {
  const sel = h("select", { id, name: id });
  sel.append(h("option", { value: "anyone" }, "anyone"));
  const g1 = h("optgroup", { label: "Codes (states, IGOs, groups)" });
  for (const c of opts.codes) {
    g1.append(h("option", { value: c.value }, `${c.value}${c.label ? " — " + c.label : ""} (${c.events})`));
  }
  const g2 = h("optgroup", { label: "Named actors" });
  for (const n of opts.names) g2.append(h("option", { value: n.value }, `${n.value}${n.code ? " · " + n.code : ""} (${n.events})`));
  sel.append(g1, g2);
  const want = selected || "anyone";
  if (![...sel.options].some((o) => o.value === want)) sel.append(h("option", { value: want }, want));
  sel.value = want;
  return sel;
}

VIEWS.dyad = async (m, params) => {
  const opts = await actorOptions();
  const a = params.get("a") || (opts.codes[0] ? opts.codes[0].value : "anyone");
  const b = params.get("b") || "anyone";
  const freq = params.get("freq") || "week";
  const directed = params.get("directed") === "1";
  m.append(h("h1", {}, "Dyad timeline"));
  const selA = actorSelect("dyad-a", opts, a);
  const selB = actorSelect("dyad-b", opts, b);
  const selF = h("select", { id: "dyad-freq" }, ["day", "week", "month"].map((f) => h("option", { value: f }, f)));
  selF.value = freq;
  const chkD = h("input", { type: "checkbox", id: "dyad-directed" });
  chkD.checked = directed;
  const form = h("form", { class: "filters panel", id: "dyad-form" },
    h("label", {}, "actor A", selA), h("label", {}, "actor B", selB), h("label", {}, "period", selF),
    h("label", { class: "check" }, chkD, "A acts on B only"),
    h("button", { type: "submit", id: "dyad-show" }, "Show"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go("dyad", { a: selA.value, b: selB.value, freq: selF.value, directed: chkD.checked });
  });
  m.append(form);
  const dyad = `${a}:${b}`.replace(/^anyone:anyone$/, "anyone:anyone");
  const tl = await api("/api/timeline", { dyad, freq, directed: directed ? "true" : null });
  const title = `${a === "anyone" ? "anyone" : a} ${directed ? "→" : "↔"} ${b === "anyone" ? "anyone" : b}, per ${freq}`;
  const chartPanel = h("div", { class: "panel", id: "timeline" }, h("h2", {}, title));
  if (!tl.rows.length) chartPanel.append(h("p", { class: "muted empty" }, "No dated events for this dyad."));
  else chartPanel.append(timelineChart(tl.rows, freq));
  m.append(chartPanel);
  if (tl.rows.length) {
    const details = h("details", {}, h("summary", {}, "Timeline as a table"),
      h("table", { class: "data", id: "timeline-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "period"), h("th", { class: "num" }, "events"),
          QUADS.map((q) => h("th", { class: "num" }, q.label)), h("th", { class: "num" }, "mean PLOVER scale"),
          h("th", { class: "num" }, "mean Goldstein"), h("th", { class: "num" }, "mentions"))),
        h("tbody", {}, tl.rows.filter((r) => r.events).map((r) => h("tr", {}, h("td", {}, r.period),
          h("td", { class: "num" }, r.events), QUADS.map((q) => h("td", { class: "num" }, r[q.key])),
          h("td", { class: "num" }, fmt(r.mean_event_scale)), h("td", { class: "num" }, fmt(r.mean_goldstein)),
          h("td", { class: "num" }, r.mentions))))));
    chartPanel.append(details);
  }
  const evPanel = h("div", { class: "panel", id: "dyad-events" }, h("h2", {}, "Events"));
  m.append(evPanel);
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/events", { dyad, directed: directed ? "true" : null, limit: 25, offset, sort: "-day" });
  evPanel.append(eventTable(page.items, { empty: "No events for this dyad." }));
  if (page.total > page.limit) evPanel.append(pager(page, (o) => go("dyad", { ...paramsObj(params), offset: o })));
};

function timelineChart(rows, freq) {
  const W = 960;
  const H = 320;
  const pad = { l: 44, r: 48, t: 12, b: 46 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const n = rows.length;
  const maxCount = Math.max(1, ...rows.map((r) => r.events));
  const scaleVals = rows.flatMap((r) => [r.mean_goldstein, r.mean_event_scale]).filter((v) => v !== null && v !== undefined);
  const lim = Math.max(10, ...scaleVals.map((v) => Math.abs(v)));
  const x = (i) => pad.l + (i + 0.5) * (iw / n);
  const bw = Math.max(1, Math.min(40, (iw / n) * 0.7));
  const yc = (v) => pad.t + ih - (v / maxCount) * ih;
  const ys = (v) => pad.t + ih / 2 - (v / lim) * (ih / 2);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline chart" });
  // grid and left axis (counts)
  const ticks = niceTicks(maxCount);
  for (const t of ticks) {
    svg.append(s("line", { class: "grid", x1: pad.l, x2: W - pad.r, y1: yc(t), y2: yc(t) }));
    svg.append(s("text", { x: pad.l - 6, y: yc(t) + 4, "text-anchor": "end" }, String(t)));
  }
  svg.append(s("text", { x: 12, y: pad.t + ih / 2, transform: `rotate(-90 12 ${pad.t + ih / 2})`, "text-anchor": "middle" }, "events"));
  // right axis (scale, Goldstein)
  for (const t of [-lim, -lim / 2, 0, lim / 2, lim]) {
    svg.append(s("text", { x: W - pad.r + 6, y: ys(t) + 4 }, fmt(t, 0)));
  }
  svg.append(s("line", { class: "zero", x1: pad.l, x2: W - pad.r, y1: ys(0), y2: ys(0) }));
  svg.append(s("text", { x: W - 10, y: pad.t + ih / 2, transform: `rotate(90 ${W - 10} ${pad.t + ih / 2})`, "text-anchor": "middle" }, "mean scale / Goldstein"));
  // stacked bars
  rows.forEach((r, i) => {
    let acc = 0;
    const g = s("g", { class: "bar-group", "data-period": r.period });
    const tip = [`${r.period}: ${r.events} event(s), ${r.mentions} mention(s)`,
      ...QUADS.map((q) => `${q.label}: ${r[q.key]}`),
      `mean PLOVER scale: ${fmt(r.mean_event_scale)}`, `mean Goldstein: ${fmt(r.mean_goldstein)}`].join("\n");
    const other = r.events - QUADS.reduce((t, q) => t + (r[q.key] || 0), 0);
    const layers = [...QUADS.map((q) => ({ v: r[q.key] || 0, color: q.color })), { v: Math.max(0, other), color: "#b0b7c3" }];
    for (const L of layers) {
      if (!L.v) continue;
      const y0 = yc(acc + L.v);
      g.append(s("rect", { class: "bar", x: x(i) - bw / 2, y: y0, width: bw, height: yc(acc) - y0, fill: L.color }, svgTitle(tip)));
      acc += L.v;
    }
    if (r.events) {
      g.addEventListener("click", () => {
        const { params } = parseHash();
        const until = periodEnd(r.period, freq);
        const a = params.get("a") || "";
        const b = params.get("b") || "";
        const filters = { since: r.period, until };
        if (params.get("directed") === "1") {
          if (a && a !== "anyone") filters.actor = a;
          if (b && b !== "anyone") filters.recipient = b;
        } else if ((a && a !== "anyone") || (b && b !== "anyone")) {
          filters.dyad = `${a || "anyone"}:${b || "anyone"}`;
        }
        go("events", filters);
      });
      g.setAttribute("cursor", "pointer");
    }
    svg.append(g);
  });
  // lines: mean Goldstein and mean PLOVER scale
  const line = (key, color, dash) => {
    let d = "";
    let pen = false;
    rows.forEach((r, i) => {
      const v = r[key];
      if (v === null || v === undefined) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${ys(v).toFixed(1)}`;
      pen = true;
    });
    svg.append(s("path", { d, fill: "none", stroke: color, "stroke-width": 2, "stroke-dasharray": dash || null, class: `line-${key}` }));
    rows.forEach((r, i) => {
      if (r[key] === null || r[key] === undefined) return;
      svg.append(s("circle", { cx: x(i), cy: ys(r[key]), r: 3, fill: color }, svgTitle(`${r.period} ${key.replace("mean_", "mean ")}: ${fmt(r[key])}`)));
    });
  };
  line("mean_goldstein", "#1f3a5f");
  line("mean_event_scale", "#8e44ad", "5 3");
  // x labels
  const every = Math.max(1, Math.ceil(n / 12));
  rows.forEach((r, i) => {
    if (i % every) return;
    svg.append(s("text", { x: x(i), y: H - pad.b + 16, "text-anchor": "middle" }, shortPeriod(r.period, freq)));
  });
  svg.append(s("line", { class: "axis", x1: pad.l, x2: W - pad.r, y1: pad.t + ih, y2: pad.t + ih, stroke: "#c5ccd6" }));
  const leg = h("div", { class: "chart-legend" },
    QUADS.map((q) => h("span", {}, swatch(q.color), q.label)),
    h("span", {}, swatch("#1f3a5f"), "mean Goldstein (right axis)"),
    h("span", {}, swatch("#8e44ad"), "mean PLOVER scale (right axis, dashed)"));
  return h("div", { class: "chart" }, leg, svg, h("div", { class: "small muted" }, "Click a bar to list its events."));
}

function swatch(color) {
  const sw = h("span", { class: "swatch" });
  sw.style.background = color;
  return sw;
}

function niceTicks(max) {
  const step = max <= 5 ? 1 : max <= 10 ? 2 : Math.pow(10, Math.floor(Math.log10(max))) * (max / Math.pow(10, Math.floor(Math.log10(max))) > 5 ? 2 : 1);
  const out = [];
  for (let t = 0; t <= max; t += step) out.push(t);
  return out;
}

function shortPeriod(p, freq) {
  return freq === "month" ? p.slice(0, 7) : p.slice(5);
}

function periodEnd(p, freq) {
  const d = new Date(p + "T00:00:00Z");
  if (freq === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (freq === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

/* ------------------------------------------------------------------ events */

const EVENT_FILTERS = ["type", "actor", "recipient", "mode", "since", "until", "place", "text", "dyad"];

VIEWS.events = async (m, params) => {
  m.append(h("h1", {}, "Events"));
  const val = (k) => params.get(k) || "";
  const typeSel = h("select", { name: "type", id: "f-type" }, h("option", { value: "" }, "any type"), PLOVER.map((t) => h("option", { value: t }, t)));
  typeSel.value = val("type");
  const field = (name, label, type = "text") => {
    const inp = h("input", { type, name, id: `f-${name}`, value: val(name) });
    return h("label", {}, label, inp);
  };
  const form = h("form", { class: "filters panel", id: "event-filters" },
    h("label", {}, "type", typeSel), field("actor", "actor"), field("recipient", "recipient"), field("mode", "mode"),
    field("since", "from", "date"), field("until", "to", "date"), field("place", "place"), field("text", "text"),
    params.get("dyad") ? field("dyad", "dyad") : null,
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", class: "secondary", onclick: () => go("events", {}) }, "Clear"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = {};
    for (const k of EVENT_FILTERS) {
      const el = form.elements.namedItem(k);
      if (el && el.value) f[k] = el.value;
    }
    go("events", f);
  });
  m.append(form);
  const q = {};
  for (const k of EVENT_FILTERS) if (params.get(k)) q[k] = params.get(k);
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/events", { ...q, limit: 50, offset, sort: params.get("sort") || "-day" });
  const panel = h("div", { class: "panel", id: "events-list" },
    h("div", { class: "muted small" }, `${page.total} event(s). Click a row to see its sentences and mentions.`));
  panel.append(eventTable(page.items));
  if (page.total > page.limit) panel.append(pager(page, (o) => go("events", { ...q, offset: o })));
  m.append(panel);
};

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
  m.append(legend(["actor", "recipient", "trigger", "time", "place", "evidence"]));
  for (const x of ev.mentions) {
    const card = h("div", { class: "mention", "data-article": x.article_id },
      h("div", { class: "meta" }, linkTo("article", {}, x.article_id, x.title || x.article_id),
        ` · ${x.source || "no source"} · article of ${x.article_date || "no date"} · event date ${x.date || "–"}`,
        x.date_source ? ` (from ${x.date_source})` : ""),
      highlighted(x.window.text, x.spans, x.window.start),
      h("dl", { class: "kv small" },
        h("dt", {}, "trigger"), h("dd", {}, x.trigger || "–"),
        h("dt", {}, "actor → recipient"), h("dd", {}, `${who(x.actor)} → ${who(x.recipient)}`),
        x.event_loc && !x.spans.some((sp) => sp.kind === "place") ? [h("dt", {}, "place"), h("dd", {}, placeText(x.event_loc), x.event_loc.from_dateline ? " (dateline)" : "")] : null,
        h("dt", {}, "confidence"), h("dd", {}, fmt(x.confidence, 2))));
    m.append(card);
  }
};

function placeText(p) {
  const bits = [p.name || p.text, p.admin1, p.country_code].filter(Boolean);
  return bits.join(", ") + (p.lat !== null && p.lat !== undefined ? ` (${fmt(p.lat, 2)}, ${fmt(p.lon, 2)})` : "");
}

/* ------------------------------------------------------------------ quotes */

VIEWS.quotes = async (m, params) => {
  const speaker = params.get("speaker") || "";
  const text = params.get("text") || "";
  m.append(h("h1", {}, "Quotes by speaker"));
  const row = h("div", { class: "row" });
  const side = h("div", { class: "panel side" }, h("h2", {}, "Speakers"));
  const sp = await api("/api/speakers", { limit: 200 });
  side.append(h("ul", { class: "plain speakers" },
    h("li", {}, h("a", { href: "#/quotes", class: speaker ? "" : "active" }, "all speakers")),
    sp.items.map((x) => h("li", {}, h("a", {
      href: `#/quotes?speaker=${encodeURIComponent(x.speaker)}`, class: x.speaker === speaker ? "active" : "",
    }, x.speaker), h("span", { class: "muted" }, ` ${x.code ? x.code + " · " : ""}${x.quotes}`)))));
  const body = h("div", { class: "grow" });
  const sInp = h("input", { type: "text", name: "speaker", id: "q-speaker", value: speaker });
  const tInp = h("input", { type: "text", name: "text", id: "q-text", value: text });
  const form = h("form", { class: "filters panel" }, h("label", {}, "speaker", sInp), h("label", {}, "words", tInp),
    h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go("quotes", { speaker: sInp.value, text: tInp.value }); });
  body.append(form);
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/quotes", { speaker, text, limit: 50, offset });
  const list = h("div", { class: "panel", id: "quotes-list" }, h("div", { class: "muted small" }, `${page.total} quote(s)`));
  for (const qt of page.items) {
    const spk = qt.speaker_name || qt.speaker_text || "unattributed";
    const code = [qt.speaker_code, qt.speaker_sector].filter(Boolean).join(" ");
    list.append(h("div", { class: "quote-item" },
      h("div", { class: "small" }, h("strong", {}, spk), code ? ` (${code})` : "", qt.cue ? ` · ${qt.cue}` : "", ` · ${qt.kind}`),
      h("blockquote", { class: "quote" }, qt.content),
      h("div", { class: "small muted" }, linkTo("article", {}, qt.article_id, qt.title || qt.article_id), ` · ${qt.source || ""} · ${qt.date || ""}`)));
  }
  if (page.total > page.limit) list.append(pager(page, (o) => go("quotes", { speaker, text, offset: o })));
  body.append(list);
  row.append(side, body);
  m.append(row);
};

/* ------------------------------------------------------------------ network */

VIEWS.network = async (m, params) => {
  const level = params.get("level") || "code";
  const type = params.get("type") || "";
  m.append(h("h1", {}, "Actor network"));
  const lvl = h("select", { name: "level", id: "n-level" }, h("option", { value: "code" }, "codes"), h("option", { value: "name" }, "names"));
  lvl.value = level;
  const typeSel = h("select", { name: "type" }, h("option", { value: "" }, "any type"), PLOVER.map((t) => h("option", { value: t }, t)));
  typeSel.value = type;
  const since = h("input", { type: "date", name: "since", value: params.get("since") || "" });
  const until = h("input", { type: "date", name: "until", value: params.get("until") || "" });
  const top = h("select", { name: "top", id: "n-top" }, ["20", "40", "80", "150"].map((n) => h("option", { value: n }, n)));
  top.value = params.get("top") || "40";
  const form = h("form", { class: "filters panel" }, h("label", {}, "actors by", lvl), h("label", {}, "type", typeSel),
    h("label", {}, "from", since), h("label", {}, "to", until), h("label", {}, "busiest pairs", top),
    h("button", { type: "submit" }, "Draw"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    go("network", { level: lvl.value, type: typeSel.value, since: since.value, until: until.value, top: top.value });
  });
  m.append(form);
  const net = await api("/api/network", { level, type, since: params.get("since"), until: params.get("until"), limit: top.value });
  const panel = h("div", { class: "panel network", id: "network" });
  if (!net.edges.length) panel.append(h("p", { class: "muted empty" }, "No events with both an actor and a recipient."));
  else panel.append(networkSvg(net, level));
  panel.append(h("div", { class: "chart-legend" },
    h("span", {}, swatch("#2e7d32"), "mostly cooperation"), h("span", {}, swatch("#c62828"), "mostly conflict"),
    h("span", {}, swatch("#98a2b3"), "mixed or unclassified"),
    h("span", { class: "muted" }, "Line width: number of events. Click a node for its dyads, an edge for its events.")));
  m.append(panel);
  if (net.edges.length) {
    m.append(h("div", { class: "panel" }, h("h2", {}, "Edges"), h("table", { class: "data", id: "edges-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", {}, "recipient"), h("th", { class: "num" }, "events"),
        h("th", { class: "num" }, "cooperation"), h("th", { class: "num" }, "conflict"), h("th", { class: "num" }, "mean Goldstein"))),
      h("tbody", {}, net.edges.map((e) => h("tr", { class: "click", onclick: () => go("events", edgeFilter(e, level)) },
        h("td", {}, e.source), h("td", {}, e.target), h("td", { class: "num" }, e.events),
        h("td", { class: "num" }, e.cooperation), h("td", { class: "num" }, e.conflict),
        h("td", { class: "num" }, fmt(e.mean_goldstein))))))));
  }
};

function actorValue(key, level) {
  return level === "code" ? key.split(" ")[0] : key;
}

function edgeFilter(e, level) {
  return { actor: actorValue(e.source, level), recipient: actorValue(e.target, level) };
}

function edgeColor(e) {
  if (e.cooperation > e.conflict) return "#2e7d32";
  if (e.conflict > e.cooperation) return "#c62828";
  return "#98a2b3";
}

function networkSvg(net, level) {
  const W = 900;
  const H = 640;
  const cx = W / 2;
  const cy = H / 2;
  const R = Math.min(W, H) / 2 - 90;
  const nodes = [...net.nodes].sort((a, b) => (b.in + b.out) - (a.in + a.out) || a.id.localeCompare(b.id));
  // spread the busiest nodes around the circle: node i goes to slot (i * step) mod n
  const nn = nodes.length;
  let step = Math.max(1, Math.round(nn * 0.382));
  const gcd = (x, y) => (y ? gcd(y, x % y) : x);
  while (nn > 1 && gcd(step, nn) !== 1) step += 1;
  const pos = new Map();
  nodes.forEach((n, i) => {
    const slot = nn > 2 ? (i * step) % nn : i;
    const ang = (2 * Math.PI * slot) / nn - Math.PI / 2;
    pos.set(n.id, { x: cx + R * Math.cos(ang), y: cy + R * Math.sin(ang), ang });
  });
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network" });
  const defs = s("defs");
  for (const [name, color] of [["coop", "#2e7d32"], ["conf", "#c62828"], ["mixed", "#98a2b3"]]) {
    defs.append(s("marker", { id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      s("path", { d: "M0,0 L10,5 L0,10 z", fill: color })));
  }
  svg.append(defs);
  const maxDeg = Math.max(1, ...nodes.map((n) => n.in + n.out));
  const radius = (n) => 4 + 12 * Math.sqrt((n.in + n.out) / maxDeg);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const e of net.edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    const color = edgeColor(e);
    const name = color === "#2e7d32" ? "coop" : color === "#c62828" ? "conf" : "mixed";
    // a gentle curve so that A->B and B->A stay apart
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const bend = 0.12 * len;
    const qx = mx - (dy / len) * bend;
    const qy = my + (dx / len) * bend;
    const rb = radius(byId.get(e.target)) + 3;
    const tx = b.x - ((b.x - qx) / Math.hypot(b.x - qx, b.y - qy)) * rb;
    const ty = b.y - ((b.y - qy) / Math.hypot(b.x - qx, b.y - qy)) * rb;
    const path = s("path", {
      class: "edge", d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${qx.toFixed(1)},${qy.toFixed(1)} ${tx.toFixed(1)},${ty.toFixed(1)}`,
      stroke: color, "stroke-width": (1 + 5 * (e.events / maxE)).toFixed(1), "marker-end": `url(#arrow-${name})`,
      "data-source": e.source, "data-target": e.target, cursor: "pointer",
    }, svgTitle(`${e.source} → ${e.target}: ${e.events} event(s), ${e.cooperation} cooperation, ${e.conflict} conflict, mean Goldstein ${fmt(e.mean_goldstein)}`));
    path.addEventListener("click", () => go("events", edgeFilter(e, level)));
    svg.append(path);
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const g = s("g", { class: "node", "data-id": n.id, cursor: "pointer" });
    g.append(s("circle", { cx: p.x, cy: p.y, r: radius(n) }, svgTitle(`${n.id}: acts in ${n.out}, receives ${n.in} event(s)`)));
    const right = Math.cos(p.ang) >= 0;
    g.append(s("text", {
      x: p.x + (right ? 1 : -1) * (radius(n) + 4), y: p.y + 4, "text-anchor": right ? "start" : "end",
    }, n.id));
    g.addEventListener("click", () => go("dyad", { a: actorValue(n.id, level), b: "anyone", freq: "week" }));
    svg.append(g);
  }
  return svg;
}

/* ------------------------------------------------------------------ map */

let worldCache = null;

async function world() {
  if (worldCache) return worldCache;
  const r = await fetch("/static/vendor/world-atlas/countries-110m.json");
  if (!r.ok) throw new Error("the bundled world outline could not be loaded");
  worldCache = topoRings(await r.json(), "countries");
  return worldCache;
}

/** Decode a TopoJSON object (quantized arcs) into polygons: [{name, rings: [[[lon, lat], ...], ...]}]. */
function topoRings(topo, objectName) {
  const [sx, sy] = topo.transform ? topo.transform.scale : [1, 1];
  const [tx, ty] = topo.transform ? topo.transform.translate : [0, 0];
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const arcPoints = (i) => (i >= 0 ? arcs[i] : arcs[~i].slice().reverse());
  const ring = (ids) => {
    const pts = [];
    ids.forEach((i, k) => {
      const a = arcPoints(i);
      pts.push(...(k ? a.slice(1) : a));
    });
    return pts;
  };
  const out = [];
  for (const g of topo.objects[objectName].geometries) {
    const name = (g.properties && g.properties.name) || "";
    if (g.type === "Polygon") out.push({ name, rings: g.arcs.map(ring) });
    else if (g.type === "MultiPolygon") g.arcs.forEach((poly) => out.push({ name, rings: poly.map(ring) }));
  }
  return out;
}

function unwrap(ring) {
  const out = [];
  let prev = null;
  for (const [lon0, lat] of ring) {
    let lon = lon0;
    if (prev !== null) {
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
    }
    out.push([lon, lat]);
    prev = lon;
  }
  return out;
}

function goldsteinColor(g) {
  if (g === null || g === undefined) return "#667085";
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t < 0) return `rgb(${Math.round(200 + 20 * -t)}, ${Math.round(120 - 90 * -t)}, ${Math.round(60 - 20 * -t)})`;
  return `rgb(${Math.round(120 - 90 * t)}, ${Math.round(150 + 20 * t)}, ${Math.round(90 - 40 * t)})`;
}

VIEWS.map = async (m, params) => {
  const what = params.get("what") || "events";
  m.append(h("h1", {}, what === "events" ? "Where events happened" : "Places mentioned"));
  const sel = h("select", { id: "map-what" }, h("option", { value: "events" }, "event locations"), h("option", { value: "places" }, "all places mentioned"));
  sel.value = what;
  sel.addEventListener("change", () => go("map", { what: sel.value }));
  m.append(h("div", { class: "filters panel" }, h("label", {}, "show ", sel)));
  const [rings, locs] = await Promise.all([world(), api("/api/locations", { what, limit: 500 })]);
  const W = 960;
  const H = 500;
  const top = 84;
  const bottom = -60;
  const X = (lon) => ((lon + 180) / 360) * W;
  const Y = (lat) => ((top - lat) / (top - bottom)) * H;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of event locations" });
  svg.append(s("rect", { class: "sea", x: 0, y: 0, width: W, height: H }));
  const land = s("g", { class: "countries" });
  const ringPath = (r, shift) => r.map(([lon, lat], i) => `${i ? "L" : "M"}${X(lon + shift).toFixed(1)},${Y(lat).toFixed(1)}`).join("") + "Z";
  for (const poly of rings) {
    if (poly.name === "Antarctica") continue; // below the map's southern edge
    let d = "";
    for (const r of poly.rings) {
      // rings crossing the antimeridian: unwrap the longitudes, draw again shifted by a turn
      const un = unwrap(r);
      d += ringPath(un, 0);
      if (un.some(([lon]) => lon > 180)) d += ringPath(un, -360);
      if (un.some(([lon]) => lon < -180)) d += ringPath(un, 360);
    }
    land.append(s("path", { class: "land", d }, svgTitle(poly.name)));
  }
  svg.append(land);
  const items = locs.items;
  const maxN = Math.max(1, ...items.map((p) => p.events || p.mentions || 1));
  const pts = s("g", { class: "points" });
  for (const p of items.slice().sort((a, b) => (b.events || b.mentions) - (a.events || a.mentions))) {
    const n = what === "events" ? p.events : p.mentions;
    const c = s("circle", {
      class: "pt", cx: X(p.lon).toFixed(1), cy: Y(p.lat).toFixed(1), r: (3 + 12 * Math.sqrt(n / maxN)).toFixed(1),
      fill: what === "events" ? goldsteinColor(p.mean_goldstein) : "#1f5fbf", "data-name": p.name,
    }, svgTitle(what === "events"
      ? `${p.name}${p.country_code ? ", " + p.country_code : ""}: ${p.events} event(s), ${p.conflict} conflict, mean Goldstein ${fmt(p.mean_goldstein)}`
      : `${p.name}${p.country_code ? ", " + p.country_code : ""}: ${p.mentions} mention(s) in ${p.articles} article(s)`));
    if (what === "events") c.addEventListener("click", () => go("events", { place: p.name }));
    pts.append(c);
  }
  svg.append(pts);
  const panel = h("div", { class: "panel map", id: "map" }, svg,
    h("div", { class: "chart-legend" },
      what === "events" ? [h("span", {}, swatch(goldsteinColor(-8)), "conflict (negative Goldstein)"),
        h("span", {}, swatch(goldsteinColor(6)), "cooperation"), h("span", { class: "muted" }, "Circle area: number of events. Click a circle for its events.")]
        : h("span", { class: "muted" }, "Circle area: number of mentions.")),
    h("div", { class: "small muted" }, "World outline: Natural Earth 1:110m (public domain), via world-atlas."));
  m.append(panel);
  if (!items.length) m.append(h("p", { class: "muted empty" }, "No geocoded locations."));
  else {
    m.append(h("div", { class: "panel" }, h("table", { class: "data" },
      h("thead", {}, h("tr", {}, h("th", {}, "place"), h("th", {}, "country"), h("th", { class: "num" }, what === "events" ? "events" : "mentions"),
        h("th", { class: "num" }, what === "events" ? "mean Goldstein" : "articles"))),
      h("tbody", {}, items.slice(0, 50).map((p) => h("tr", {}, h("td", {}, p.name), h("td", {}, p.country_code || ""),
        h("td", { class: "num" }, what === "events" ? p.events : p.mentions),
        h("td", { class: "num" }, what === "events" ? fmt(p.mean_goldstein) : p.articles)))))));
  }
};

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
