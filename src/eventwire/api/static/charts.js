/* eventwire dashboard: the SVG charts (timeline, network, world map), drawn without libraries. */
"use strict";

/* ------------------------------------------------------------------ axes */

/** Nice tick values from 0 to at least ``max`` (1, 2, 5 x 10^k steps, about ``target`` ticks). */
function niceTicks(max, target = 5) {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) || 10 * mag;
  const step1 = Math.max(1, step); // counts are whole numbers
  const top = Math.ceil(max / step1) * step1;
  const out = [];
  for (let t = 0; t <= top + 1e-9; t += step1) out.push(Math.round(t));
  return out;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period's label with its year: "Mar 2020" (month), "2 Mar 2020" (week, day). */
function periodLabel(p, freq) {
  const [y, m, d] = p.split("-").map(Number);
  return freq === "month" ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

function periodEnd(p, freq) {
  const d = new Date(p + "T00:00:00Z");
  if (freq === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (freq === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function swatch(color) {
  const sw = h("span", { class: "swatch" });
  sw.style.background = color;
  return sw;
}

/* ------------------------------------------------------------------ timeline */

/**
 * Stacked bars per period (quad classes) with mean Goldstein and PLOVER scale lines.
 * ``opts.onBar(row)``: a click on a bar; ``opts.onBrush(from, to)``: a drag across bars
 * selects a date range.
 */
function timelineChart(rows, freq, opts = {}) {
  const W = 960;
  const H = 330;
  const pad = { l: 52, r: 52, t: 12, b: 50 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const n = rows.length;
  const ticks = niceTicks(Math.max(1, ...rows.map((r) => r.events)));
  const maxCount = ticks[ticks.length - 1];
  const scaleVals = rows.flatMap((r) => [r.mean_goldstein, r.mean_event_scale]).filter((v) => v !== null && v !== undefined);
  const lim = Math.max(10, ...scaleVals.map((v) => Math.abs(v)));
  const x = (i) => pad.l + (i + 0.5) * (iw / n);
  const bw = Math.max(1, Math.min(40, (iw / n) * 0.7));
  const yc = (v) => pad.t + ih - (v / maxCount) * ih;
  const ys = (v) => pad.t + ih / 2 - (v / lim) * (ih / 2);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline chart", class: "timeline-svg" });
  for (const t of ticks) {
    svg.append(s("line", { class: "grid", x1: pad.l, x2: W - pad.r, y1: yc(t), y2: yc(t) }));
    svg.append(s("text", { x: pad.l - 6, y: yc(t) + 4, "text-anchor": "end", class: "ytick" }, String(t)));
  }
  svg.append(s("text", { x: 12, y: pad.t + ih / 2, transform: `rotate(-90 12 ${pad.t + ih / 2})`, "text-anchor": "middle" }, "events"));
  for (const t of [-10, -5, 0, 5, 10].map((v) => (v * lim) / 10)) {
    svg.append(s("text", { x: W - pad.r + 6, y: ys(t) + 4 }, fmt(t, 0)));
  }
  svg.append(s("line", { class: "zero", x1: pad.l, x2: W - pad.r, y1: ys(0), y2: ys(0) }));
  svg.append(s("text", { x: W - 10, y: pad.t + ih / 2, transform: `rotate(90 ${W - 10} ${pad.t + ih / 2})`, "text-anchor": "middle" }, "mean scale / Goldstein"));
  const brush = s("rect", { class: "brush", x: 0, y: pad.t, width: 0, height: ih, visibility: "hidden" });
  rows.forEach((r, i) => {
    let acc = 0;
    const g = s("g", { class: "bar-group", "data-period": r.period, "data-events": r.events });
    const tip = [`${periodLabel(r.period, freq)}: ${r.events} event(s), ${r.mentions} mention(s)`,
      ...QUADS.map((q) => `${q.label}: ${r[q.key]}`),
      `mean PLOVER scale: ${fmt(r.mean_event_scale)}`, `mean Goldstein: ${fmt(r.mean_goldstein)}`].join("\n");
    const other = r.events - QUADS.reduce((t, q) => t + (r[q.key] || 0), 0);
    const layers = [...QUADS.map((q) => ({ v: r[q.key] || 0, color: q.color })), { v: Math.max(0, other), color: "#b0b7c3" }];
    // an invisible full-height target, so that thin bars are easy to click
    g.append(s("rect", { class: "hit", x: pad.l + i * (iw / n), y: pad.t, width: iw / n, height: ih, fill: "transparent" }, svgTitle(tip)));
    for (const L of layers) {
      if (!L.v) continue;
      const y0 = yc(acc + L.v);
      g.append(s("rect", { class: "bar", x: x(i) - bw / 2, y: y0, width: bw, height: yc(acc) - y0, fill: L.color }, svgTitle(tip)));
      acc += L.v;
    }
    if (r.events && opts.onBar) g.setAttribute("cursor", "pointer");
    svg.append(g);
  });
  const line = (key, color, dash) => {
    let d = "";
    let pen = false;
    rows.forEach((r, i) => {
      const v = r[key];
      if (v === null || v === undefined) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${ys(v).toFixed(1)}`;
      pen = true;
    });
    svg.append(s("path", { d, fill: "none", stroke: color, "stroke-width": 2, "stroke-dasharray": dash || null, class: `line-${key}`, "pointer-events": "none" }));
  };
  line("mean_goldstein", "#1f3a5f");
  line("mean_event_scale", "#8e44ad", "5 3");
  // x labels: about 8, each with its year
  const every = Math.max(1, Math.ceil(n / 8));
  rows.forEach((r, i) => {
    if (i % every) return;
    svg.append(s("line", { class: "axis", x1: x(i), x2: x(i), y1: pad.t + ih, y2: pad.t + ih + 4, stroke: "#c5ccd6" }));
    svg.append(s("text", { x: x(i), y: H - pad.b + 18, "text-anchor": "middle", class: "xtick" }, periodLabel(r.period, freq)));
  });
  svg.append(s("line", { class: "axis", x1: pad.l, x2: W - pad.r, y1: pad.t + ih, y2: pad.t + ih, stroke: "#c5ccd6" }));
  svg.append(brush);
  // clicks and brushing: a drag selects periods, a click (no drag) opens a bar's events
  const index = (ev) => {
    const box = svg.getBoundingClientRect();
    const vx = ((ev.clientX - box.left) / box.width) * W;
    return Math.max(0, Math.min(n - 1, Math.floor((vx - pad.l) / (iw / n))));
  };
  let start = null;
  svg.addEventListener("mousedown", (ev) => { start = { i: index(ev), x: ev.clientX }; ev.preventDefault(); });
  svg.addEventListener("mousemove", (ev) => {
    if (!start) return;
    const i = index(ev);
    const a = Math.min(start.i, i);
    const b = Math.max(start.i, i);
    setAttrs(brush, { x: pad.l + a * (iw / n), width: (b - a + 1) * (iw / n), visibility: "visible" });
  });
  const finish = (ev) => {
    if (!start) return;
    const i = index(ev);
    const moved = Math.abs(ev.clientX - start.x) > 4;
    const a = Math.min(start.i, i);
    const b = Math.max(start.i, i);
    start = null;
    if (moved && opts.onBrush) opts.onBrush(rows[a].period, periodEnd(rows[b].period, freq));
    else if (!moved && rows[i] && rows[i].events && opts.onBar) opts.onBar(rows[i]);
  };
  svg.addEventListener("mouseup", finish);
  svg.addEventListener("mouseleave", () => { if (start) { start = null; brush.setAttribute("visibility", "hidden"); } });
  const leg = h("div", { class: "chart-legend" },
    QUADS.map((q) => h("span", {}, swatch(q.color), q.label)),
    h("span", {}, swatch("#1f3a5f"), "mean Goldstein (right axis)"),
    h("span", {}, swatch("#8e44ad"), "mean PLOVER scale (right axis, dashed)"));
  return h("div", { class: "chart" }, leg, svg,
    h("div", { class: "small muted" }, "Click a bar to list its events; drag across bars to choose a date range."));
}

/* ------------------------------------------------------------------ network */

function nodeName(id, label) {
  if (id.startsWith("name:")) return id.slice(5);
  return label && label !== id ? `${id} · ${label}` : id;
}

function edgeColor(e) {
  if (e.cooperation > e.conflict) return "#2e7d32";
  if (e.conflict > e.cooperation) return "#c62828";
  return "#98a2b3";
}

/** The network: nodes on a circle, curved directed edges; ``onEdge(e)``, ``onNode(n)`` on clicks. */
function networkSvg(net, onEdge, onNode) {
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
      "data-events": e.events,
    }, svgTitle(`${nodeName(e.source, e.source_name)} → ${nodeName(e.target, e.target_name)}: ${e.events} event(s), ${e.cooperation} cooperation, ${e.conflict} conflict, mean Goldstein ${fmt(e.mean_goldstein)}`));
    path.addEventListener("click", () => onEdge(e));
    svg.append(path);
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const g = s("g", { class: "node", "data-id": n.id, "data-events": n.events, cursor: "pointer" });
    g.append(s("circle", { cx: p.x, cy: p.y, r: radius(n) }, svgTitle(`${nodeName(n.id, n.label)}: takes part in ${n.events} event(s); click to list them`)));
    const right = Math.cos(p.ang) >= 0;
    g.append(s("text", {
      x: p.x + (right ? 1 : -1) * (radius(n) + 4), y: p.y + 4, "text-anchor": right ? "start" : "end",
    }, `${nodeName(n.id, n.label)} (${n.events})`));
    g.addEventListener("click", () => onNode(n));
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
    const id = g.id === undefined ? null : String(g.id);
    if (g.type === "Polygon") out.push({ name, id, rings: g.arcs.map(ring) });
    else if (g.type === "MultiPolygon") g.arcs.forEach((poly) => out.push({ name, id, rings: poly.map(ring) }));
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

