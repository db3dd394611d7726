/* eventwire dashboard: the one filter every event view shares (the API's EventQuery).
 *
 * The filter lives in the URL (#/view?type=ASSAULT&from=...): the nav links carry the
 * shared part to the other views, and every count a view draws links to the events list
 * with exactly the filter that produced it.
 */
"use strict";

/** Every filter parameter of the API's event endpoints. */
const FKEYS = ["type", "quad", "actor", "recipient", "dyad", "directed", "sector_exact", "mode", "exclude_mode",
  "status", "min_confidence", "from", "to", "place", "source", "text", "q"];
/** The part carried from view to view (not the view's own actor or dyad). */
const SHARED = ["type", "quad", "mode", "exclude_mode", "status", "min_confidence", "from", "to", "place", "source", "text"];
const SHARED_VIEWS = ["dyad", "events", "network", "map"];

function sharedParams(params) {
  const all = paramsObj(params);
  return Object.fromEntries(SHARED.filter((k) => k in all).map((k) => [k, all[k]]));
}

/** The filter part of the URL parameters (repeated ones as arrays). */
function filterOf(params, keys = FKEYS) {
  const all = paramsObj(params);
  return Object.fromEntries(keys.filter((k) => k in all && all[k] !== "").map((k) => [k, all[k]]));
}

/** The filter bar: type, date range, place, source, words, and what counts as an event. */
function filterBar(view, params, extra = {}) {
  const f = filterOf(params);
  const val = (k) => [].concat(f[k] || [])[0] || "";
  const typeSel = h("select", { name: "type", id: "f-type", multiple: true, size: 3, title: "PLOVER types (ctrl-click for several)" },
    PLOVER.map((t) => h("option", { value: t, selected: [].concat(f.type || []).includes(t) }, t)));
  const inp = (name, label, type = "text", ph = "") => h("label", {}, label,
    h("input", { type, name, id: `f-${name}`, value: val(name), placeholder: ph || null }));
  const showAll = h("input", { type: "checkbox", id: "f-all-status", name: "status_all" });
  showAll.checked = [].concat(f.status || []).includes("all") || ["future", "hypothetical", "negated"].every((x) => [].concat(f.status || []).includes(x));
  const showLow = h("input", { type: "checkbox", id: "f-low-conf", name: "low_conf" });
  showLow.checked = val("min_confidence") === "0";
  const form = h("form", { class: "filters panel", id: `${view}-filters` },
    h("label", {}, "type", typeSel),
    inp("from", "from", "date"), inp("to", "to", "date"),
    inp("place", "place", "text", "IRN, IR or a place"), inp("source", "source"), inp("text", "words"),
    extra.fields || null,
    h("label", { class: "check", title: "future, hypothetical and negated events are not counted unless this is on" }, showAll, "also future, hypothetical, negated"),
    h("label", { class: "check", title: "events below the calibrated confidence threshold" }, showLow, "also low confidence"),
    h("button", { type: "submit", id: `${view}-apply` }, "Apply"),
    h("button", { type: "button", class: "secondary", onclick: () => go(view, extra.keep || {}) }, "Clear"),
    h("div", { class: "small muted filter-summary", id: "filter-summary" }, filterSummary(f)));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const out = { ...(extra.keep || {}) };
    const types = [...typeSel.selectedOptions].map((o) => o.value);
    if (types.length) out.type = types;
    for (const k of ["from", "to", "place", "source", "text"]) {
      const v = form.elements.namedItem(k).value.trim();
      if (v) out[k] = v;
    }
    for (const k of ["quad", "mode", "exclude_mode", "actor", "recipient", "q"]) if (f[k] && !(k in out)) out[k] = f[k];
    if (showAll.checked) out.status = "all";
    if (showLow.checked) out.min_confidence = "0";
    Object.assign(out, extra.collect ? extra.collect() : {});
    go(view, out);
  });
  return form;
}

/** The filter in words: "type AGREE, ASSAULT · from 2020-02-01 · real events only". */
function filterSummary(f) {
  const bits = [];
  const list = (k) => [].concat(f[k] || []).join(", ");
  for (const [k, label] of [["type", "type"], ["quad", "quad"], ["actor", "actor"], ["recipient", "recipient"],
    ["dyad", "dyad"], ["mode", "mode"], ["exclude_mode", "not mode"], ["place", "place"], ["source", "source"],
    ["text", "words"], ["q", "name"], ["from", "from"], ["to", "to"]]) {
    if (f[k]) bits.push(`${label} ${list(k)}`);
  }
  const st = [].concat(f.status || []);
  bits.push(st.includes("all") || st.length === 4 ? "every status" : st.length ? `status ${st.join(", ")}` : "real events only");
  if (f.min_confidence !== undefined) bits.push(`confidence ≥ ${f.min_confidence}`);
  return `Filter: ${bits.join(" · ")}`;
}

/** "N more events are future, hypothetical or negated; M are below the confidence threshold"
 * with links showing them (the same view, the same filter, the toggle on). */
function hiddenNote(view, params, hidden) {
  if (!hidden || (!hidden.status && !hidden.low_confidence)) return null;
  const base = paramsObj(params);
  delete base.offset;
  const bits = [];
  if (hidden.status) {
    bits.push(h("a", { href: hashOf(view, { ...base, status: "all" }), id: "show-status" },
      `${hidden.status} more future, hypothetical or negated`));
  }
  if (hidden.low_confidence) {
    if (bits.length) bits.push("; ");
    bits.push(h("a", { href: hashOf(view, { ...base, min_confidence: "0" }), id: "show-low" },
      `${hidden.low_confidence} more below the confidence threshold`));
  }
  return h("div", { class: "small muted hidden-note" }, "Counting real events only: ", bits, ".");
}

/** Download links for the current view: the API's export of the same filter. */
function exportButtons(path, query, formats) {
  const url = (fmt) => {
    const u = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries({ ...query, format: fmt })) {
      if (v === null || v === undefined || v === "") continue;
      [].concat(v).forEach((x) => u.searchParams.append(k, x));
    }
    return u.pathname + u.search;
  };
  const names = { csv: "CSV", parquet: "Parquet", plover: "PLOVER JSON" };
  return h("div", { class: "export" }, h("span", { class: "muted small" }, "Export this view: "),
    formats.map((f) => h("a", { class: "button secondary", href: url(f), download: "", "data-format": f }, names[f] || f)));
}

/* ------------------------------------------------------------------ the actor picker */

/**
 * A searchable list of actor codes with their event counts (GET /api/picker, same filter).
 * Typing filters the list (code or what it stands for); ``onPick(code)`` on a click.
 */
function actorPicker(id, items, selected, onPick) {
  const box = h("div", { class: "picker", id });
  const input = h("input", { type: "search", id: `${id}-search`, placeholder: "search: code or country…", value: "", autocomplete: "off" });
  const list = h("ul", { class: "picker-list", id: `${id}-list` });
  const cur = h("div", { class: "small" }, "selected: ", h("strong", { class: "picker-current" }, selected || "anyone"));
  const draw = () => {
    const q = input.value.trim().toLowerCase();
    const rows = items.filter((r) => !q || r.code.toLowerCase().includes(q) || (r.label || "").toLowerCase().includes(q));
    list.replaceChildren();
    append(list, [
      h("li", {}, h("a", { href: "#", "data-code": "anyone", onclick: (ev) => { ev.preventDefault(); onPick("anyone"); } }, "anyone")),
      rows.slice(0, 40).map((r) => h("li", {}, h("a", {
        href: "#", "data-code": r.code, "data-events": r.events, class: r.code === selected ? "active" : "",
        onclick: (ev) => { ev.preventDefault(); onPick(r.code); },
      }, `${r.code}${r.label ? " · " + r.label : ""}`, h("span", { class: "muted count" }, ` (${r.events})`)))),
      rows.length > 40 ? h("li", { class: "muted small" }, `${rows.length - 40} more: type to narrow`) : null]);
  };
  input.addEventListener("input", draw);
  draw();
  box.append(cur, input, list);
  return box;
}
