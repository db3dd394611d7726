/* eventwire dashboard: the event views (dyad timeline, events, network, map, quotes).
 *
 * Each draws counts from one API call with the URL's filter, and each count links to the
 * events list with exactly that filter, so the list it opens has exactly that many events.
 */
"use strict";

/* ------------------------------------------------------------------ dyad timeline */

VIEWS.dyad = async (m, params) => {
  const f = filterOf(params, SHARED);
  const a = params.get("a") || "anyone";
  const b = params.get("b") || "anyone";
  const freq = params.get("freq") || "week";
  const directed = params.get("directed") === "1";
  const here = { ...f, a, b, freq, directed: directed ? "1" : null };
  m.append(h("h1", {}, "Dyad timeline"));
  const dyad = a === "anyone" && b === "anyone" ? null : `${a}-${b}`;
  const q = { ...f, dyad, directed: directed ? "true" : null };
  const tl = await api("/api/timeline", { ...q, freq });
  const rng = tl.range;
  // the picker counts each actor's events in the timeline's date range, as the list below does
  const picks = await api("/api/picker", { ...f, from: rng.from, to: rng.to, limit: 500 });
  const pickA = actorPicker("dyad-a", picks.items, a, (code) => go("dyad", { ...here, a: code }));
  const pickB = actorPicker("dyad-b", picks.items, b, (code) => go("dyad", { ...here, b: code }));
  const selF = h("select", { id: "dyad-freq" }, ["day", "week", "month"].map((x) => h("option", { value: x }, x)));
  selF.value = freq;
  selF.addEventListener("change", () => go("dyad", { ...here, freq: selF.value }));
  const chkD = h("input", { type: "checkbox", id: "dyad-directed" });
  chkD.checked = directed;
  chkD.addEventListener("change", () => go("dyad", { ...here, directed: chkD.checked ? "1" : null }));
  m.append(h("div", { class: "row" },
    h("div", { class: "panel side" }, h("h2", {}, "Actor A"), pickA),
    h("div", { class: "panel side" }, h("h2", {}, "Actor B"), pickB),
    h("div", { class: "panel side" }, h("label", {}, "period ", selF), h("label", { class: "check" }, chkD, "A acts on B only"),
      h("p", { class: "small muted" }, "Counts are the events each actor takes part in with the filter below."))));
  m.append(filterBar("dyad", params, { keep: { a, b, freq, directed: directed ? "1" : null } }));
  const title = `${a} ${directed ? "→" : "↔"} ${b}, per ${freq}`;
  const panel = h("div", { class: "panel", id: "timeline" }, h("h2", {}, title));
  const rangeBits = [`${tl.events} event(s) from ${rng.from || "?"} to ${rng.to || "?"}`,
    rng.chosen ? " (chosen range)" : " (the articles' dates)"];
  const notes = h("div", { class: "small muted", id: "timeline-range" }, rangeBits);
  if (tl.outside) {
    notes.append(h("span", { id: "timeline-outside" }, `; ${tl.outside} event(s) outside this range`),
      " (", linkTo("events", { ...q, from: null, to: null }, null, "list every date"), ")");
  }
  if (tl.undated) notes.append(`; ${tl.undated} undated`);
  if (rng.chosen) notes.append(" · ", h("a", { href: hashOf("dyad", { ...here, from: null, to: null }), id: "range-reset" }, "reset the range"));
  panel.append(notes);
  if (!tl.rows.length) panel.append(h("p", { class: "muted empty" }, "No dated events for this dyad in this range."));
  else {
    panel.append(timelineChart(tl.rows, freq, {
      onBar: (r) => go("events", { ...q, from: r.period, to: periodEnd(r.period, freq) }),
      onBrush: (from, to) => go("dyad", { ...here, from, to }),
    }));
    panel.append(h("details", {}, h("summary", {}, "Timeline as a table"),
      h("table", { class: "data", id: "timeline-table" },
        h("thead", {}, h("tr", {}, h("th", {}, "period"), h("th", { class: "num" }, "events"),
          QUADS.map((x) => h("th", { class: "num" }, x.label)), h("th", { class: "num" }, "mean PLOVER scale"),
          h("th", { class: "num" }, "mean Goldstein"), h("th", { class: "num" }, "mentions"))),
        h("tbody", {}, tl.rows.filter((r) => r.events).map((r) => h("tr", {}, h("td", {}, periodLabel(r.period, freq)),
          h("td", { class: "num" }, linkTo("events", { ...q, from: r.period, to: periodEnd(r.period, freq) }, null, String(r.events))),
          QUADS.map((x) => h("td", { class: "num" }, r[x.key])),
          h("td", { class: "num" }, fmt(r.mean_event_scale)), h("td", { class: "num" }, fmt(r.mean_goldstein)),
          h("td", { class: "num" }, r.mentions)))))));
  }
  panel.append(exportButtons("/api/timeline/export", { ...q, freq, from: rng.from, to: rng.to }, ["csv", "parquet"]));
  m.append(panel);
  const evPanel = h("div", { class: "panel", id: "dyad-events" }, h("h2", {}, "Events"));
  m.append(evPanel);
  const offset = Number(params.get("offset") || 0);
  const evq = { ...q, from: rng.from, to: rng.to };
  const page = await api("/api/events", { ...evq, limit: 25, offset, sort: "-date" });
  evPanel.append(h("div", { class: "muted small" }, `${page.total} event(s) in the range. `,
    linkTo("events", evq, null, "open in the events list")), hiddenNote("dyad", params, page.hidden));
  evPanel.append(eventTable(page.items, { empty: "No events for this dyad." }));
  if (page.total > page.limit) evPanel.append(pager(page, (o) => go("dyad", { ...paramsObj(params), offset: o })));
};

/* ------------------------------------------------------------------ events */

VIEWS.events = async (m, params) => {
  m.append(h("h1", {}, "Events"));
  const f = filterOf(params);
  const sort = params.get("sort") || "-date";
  const val = (k) => [].concat(f[k] || [])[0] || "";
  const inp = (name, label, ph) => h("label", {}, label, h("input", { type: "text", name, id: `f-${name}`, value: val(name), placeholder: ph || null }));
  const more = [inp("actor", "actor", "USA or USA GOV"), inp("recipient", "recipient", "IRN"), inp("dyad", "dyad", "USA-IRN"), inp("q", "name part")];
  m.append(filterBar("events", params, {
    fields: more,
    keep: { sort: params.get("sort") },
    collect: () => {
      const out = {};
      for (const k of ["actor", "recipient", "dyad", "q"]) {
        const v = document.getElementById(`f-${k}`).value.trim();
        if (v) out[k] = v;
      }
      for (const k of ["directed", "sector_exact"]) if (f[k]) out[k] = f[k];
      return out;
    },
  }));
  const offset = Number(params.get("offset") || 0);
  const page = await api("/api/events", { ...f, limit: 50, offset, sort });
  const panel = h("div", { class: "panel", id: "events-list" },
    h("div", { class: "muted small" }, h("span", { id: "events-total", "data-total": page.total }, `${page.total} event(s)`),
      ". Click a row to see its sentences and mentions; click a column heading to sort."),
    hiddenNote("events", params, page.hidden),
    exportButtons("/api/events/export", { ...f, sort }, ["csv", "parquet", "plover"]));
  panel.append(eventTable(page.items, { sort, onSort: (next) => go("events", { ...f, sort: next }) }));
  if (page.total > page.limit) panel.append(pager(page, (o) => go("events", { ...f, sort, offset: o })));
  m.append(panel);
};

/* ------------------------------------------------------------------ quotes */

VIEWS.quotes = async (m, params) => {
  const speaker = params.get("speaker") || "";
  const text = params.get("text") || "";
  m.append(h("h1", {}, "Quotes by speaker"));
  const row = h("div", { class: "row" });
  const side = h("div", { class: "panel side" }, h("h2", {}, "Speakers"));
  const sp = await api("/api/speakers", { limit: 200 });
  side.append(h("ul", { class: "plain speakers", id: "speakers" },
    h("li", {}, h("a", { href: "#/quotes", class: speaker ? "" : "active" }, "all speakers")),
    sp.items.map((x) => h("li", {}, h("a", {
      href: hashOf("quotes", { speaker: x.speaker }), class: x.speaker === speaker ? "active" : "",
    }, x.speaker), h("span", { class: "muted" }, ` ${x.code ? x.code + " · " : ""}${x.quotes}`)))));
  if (sp.unresolved && sp.unresolved.quotes) {
    side.append(h("p", { class: "small muted", id: "speakers-unresolved" },
      `Unresolved: ${sp.unresolved.quotes} quote(s) by pronouns or unnamed speakers (`,
      sp.unresolved.texts.slice(0, 5).map((t) => `“${t.text}”`).join(", "), "…), not ranked."));
  }
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
  const f = filterOf(params, SHARED);
  m.append(h("h1", {}, "Actor network"));
  const lvl = h("select", { name: "level", id: "n-level" }, h("option", { value: "code" }, "codes"), h("option", { value: "name" }, "names"));
  lvl.value = level;
  const top = h("select", { name: "top", id: "n-top" }, ["20", "40", "80", "150"].map((n) => h("option", { value: n }, n)));
  top.value = params.get("top") || "40";
  m.append(filterBar("network", params, {
    fields: [h("label", {}, "actors by", lvl), h("label", {}, "busiest pairs", top)],
    keep: {},
    collect: () => ({ level: lvl.value, top: top.value }),
  }));
  const net = await api("/api/network", { ...f, level, limit: top.value });
  // an edge lists the events with one mention of source acting on target (exact code and sector)
  const edgeQuery = (e) => ({ ...f, actor: e.source, recipient: e.target, sector_exact: level === "code" ? "1" : null });
  const nodeQuery = (n) => ({ ...f, dyad: `${n.id}:anyone`, sector_exact: level === "code" ? "1" : null });
  const panel = h("div", { class: "panel network", id: "network" });
  if (!net.edges.length) panel.append(h("p", { class: "muted empty" }, "No events with both an actor and a recipient."));
  else panel.append(networkSvg(net, (e) => go("events", edgeQuery(e)), (n) => go("events", nodeQuery(n))));
  panel.append(h("div", { class: "chart-legend" },
    h("span", {}, swatch("#2e7d32"), "mostly cooperation"), h("span", {}, swatch("#c62828"), "mostly conflict"),
    h("span", {}, swatch("#98a2b3"), "mixed or unclassified"),
    h("span", { class: "muted" }, "Line width: number of events. Click an edge or a node (its count in brackets) to list its events.")));
  panel.append(exportButtons("/api/network/export", { ...f, level, limit: top.value }, ["csv", "parquet"]));
  m.append(panel);
  if (net.edges.length) {
    m.append(h("div", { class: "panel" }, h("h2", {}, "Edges"), h("table", { class: "data", id: "edges-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "actor"), h("th", {}, "recipient"), h("th", { class: "num" }, "events"),
        h("th", { class: "num" }, "cooperation"), h("th", { class: "num" }, "conflict"), h("th", { class: "num" }, "mean Goldstein"))),
      h("tbody", {}, net.edges.map((e) => h("tr", { class: "click", "data-events": e.events, onclick: () => go("events", edgeQuery(e)) },
        h("td", {}, nodeName(e.source, e.source_name)), h("td", {}, nodeName(e.target, e.target_name)), h("td", { class: "num" }, e.events),
        h("td", { class: "num" }, e.cooperation), h("td", { class: "num" }, e.conflict),
        h("td", { class: "num" }, fmt(e.mean_goldstein))))))));
  }
};

/* ------------------------------------------------------------------ map */

VIEWS.map = async (m, params) => {
  const f = filterOf(params, SHARED);
  m.append(h("h1", {}, "Where events happened"));
  m.append(filterBar("map", params));
  const [rings, data] = await Promise.all([world(), api("/api/countries", { ...f })]);
  const byNum = new Map(data.items.filter((c) => c.numeric).map((c) => [String(Number(c.numeric)), c]));
  const W = 960;
  const H = 500;
  const top = 84;
  const bottom = -60;
  const X = (lon) => ((lon + 180) / 360) * W;
  const Y = (lat) => ((top - lat) / (top - bottom)) * H;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of events per country" });
  svg.append(s("rect", { class: "sea", x: 0, y: 0, width: W, height: H }));
  const land = s("g", { class: "countries" });
  const ringPath = (r, shift) => r.map(([lon, lat], i) => `${i ? "L" : "M"}${X(lon + shift).toFixed(1)},${Y(lat).toFixed(1)}`).join("") + "Z";
  const drawn = new Set();
  const open = (c) => go("events", { ...f, place: c.code });
  for (const poly of rings) {
    if (poly.name === "Antarctica") continue;
    let d = "";
    for (const r of poly.rings) {
      const un = unwrap(r);
      d += ringPath(un, 0);
      if (un.some(([lon]) => lon > 180)) d += ringPath(un, -360);
      if (un.some(([lon]) => lon < -180)) d += ringPath(un, 360);
    }
    const c = poly.id !== null ? byNum.get(String(Number(poly.id))) : undefined;
    const path = s("path", { class: c ? "land country has-events" : "land", d, fill: c ? goldsteinColor(c.mean_goldstein) : null,
      "data-code": c ? c.code : null, "data-events": c ? c.events : null, cursor: c ? "pointer" : null },
    svgTitle(c ? `${c.name} (${c.code}): ${c.events} event(s), ${c.conflict} conflict, mean Goldstein ${fmt(c.mean_goldstein)}` : poly.name));
    if (c) {
      path.style.fill = goldsteinColor(c.mean_goldstein); // over the stylesheet's land colour
      path.addEventListener("click", () => open(c));
      drawn.add(c.code);
    }
    land.append(path);
  }
  svg.append(land);
  // countries too small for the 1:110m shapes: a circle at the places' mean position
  const maxN = Math.max(1, ...data.items.map((c) => c.events));
  for (const c of data.items.filter((x) => !drawn.has(x.code) && x.lat !== null)) {
    const dot = s("circle", { class: "pt", cx: X(c.lon).toFixed(1), cy: Y(c.lat).toFixed(1), r: (3 + 8 * Math.sqrt(c.events / maxN)).toFixed(1),
      fill: goldsteinColor(c.mean_goldstein), "data-code": c.code, "data-events": c.events, cursor: "pointer" },
    svgTitle(`${c.name} (${c.code}): ${c.events} event(s)`));
    dot.addEventListener("click", () => open(c));
    svg.append(dot);
  }
  m.append(h("div", { class: "panel map", id: "map" }, svg,
    h("div", { class: "chart-legend" }, h("span", {}, swatch(goldsteinColor(-8)), "conflict (negative mean Goldstein)"),
      h("span", {}, swatch(goldsteinColor(6)), "cooperation"),
      h("span", { class: "muted" }, "Countries with events are coloured; small ones are circles. Click one for its events.")),
    exportButtons("/api/countries/export", f, ["csv", "parquet"]),
    h("div", { class: "small muted" }, "Country shapes: Natural Earth 1:110m (public domain), via world-atlas.")));
  if (!data.items.length) m.append(h("p", { class: "muted empty" }, "No events placed in a country."));
  else {
    m.append(h("div", { class: "panel" }, h("table", { class: "data", id: "countries-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "country"), h("th", {}, "code"), h("th", { class: "num" }, "events"),
        h("th", { class: "num" }, "conflict"), h("th", { class: "num" }, "mean Goldstein"))),
      h("tbody", {}, data.items.map((c) => h("tr", { class: "click", "data-code": c.code, "data-events": c.events, onclick: () => open(c) },
        h("td", {}, c.name), h("td", {}, c.code), h("td", { class: "num" }, c.events), h("td", { class: "num" }, c.conflict),
        h("td", { class: "num" }, fmt(c.mean_goldstein))))))));
  }
};
