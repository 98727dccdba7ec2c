// Small SVG charts for the page: a scatter with a highlighted front, bars, and
// lines over time. No library: the binary serves these files as they are.
"use strict";
const Charts = (() => {
  const NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, s, anchor) {
    const t = el("text", { x, y, "text-anchor": anchor || "start" }, parent);
    t.textContent = s;
    return t;
  }
  // A round tick as written: 0.05, 2, 150, 2.5k, 1M (no trailing zeros).
  function fmt(v) {
    const a = Math.abs(v);
    const short = (x) => String(Number(x.toPrecision(3)));
    if (a >= 1e6) return short(v / 1e6) + "M";
    if (a >= 1e3) return short(v / 1e3) + "k";
    return short(v);
  }
  // Axis ticks at round values: a step of 1, 2 or 5 x 10^k giving about
  // `n` intervals over [0, max]; the axis ends at the first tick at or above max.
  function ticks(max, n) {
    if (!(max > 0)) return [0, 1];
    const raw = max / (n || 5), p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((k) => k * p).find((v) => v >= raw * (1 - 1e-9));
    const out = [];
    for (let v = 0; out.length === 0 || out[out.length - 1] < max * (1 - 1e-9); v += step) out.push(Number((v).toPrecision(12)));
    return out;
  }
  // x: [min, max] with the labels' formatter (time axes), or null for
  // round ticks from 0; y always from 0 at round ticks.
  function frame(box, w, h, xmin, xmax, ymax, xlabel, ylabel, xfmt) {
    box.innerHTML = "";
    const svg = el("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": `${ylabel} / ${xlabel}` }, box);
    const m = { l: 56, r: 12, t: 10, b: 36 };
    const yt = ticks(ymax);
    const xt = xfmt ? [0, 1, 2, 3, 4].map((i) => xmin + ((xmax - xmin) * i) / 4) : ticks(xmax);
    if (!xfmt) xmax = xt[xt.length - 1];
    ymax = yt[yt.length - 1];
    const sx = (x) => m.l + ((x - xmin) / (xmax - xmin || 1)) * (w - m.l - m.r);
    const sy = (y) => h - m.b - (y / (ymax || 1)) * (h - m.t - m.b);
    el("line", { x1: m.l, y1: h - m.b, x2: w - m.r, y2: h - m.b, class: "axis" }, svg);
    el("line", { x1: m.l, y1: m.t, x2: m.l, y2: h - m.b, class: "axis" }, svg);
    for (const xv of xt) text(svg, sx(xv), h - m.b + 14, (xfmt || fmt)(xv), "middle").setAttribute("class", "tick x");
    for (const yv of yt) text(svg, m.l - 4, sy(yv) + 4, fmt(yv), "end").setAttribute("class", "tick y");
    text(svg, (w + m.l) / 2, h - 4, xlabel, "middle");
    const yl = text(svg, 12, (h - m.b) / 2, ylabel, "middle");
    yl.setAttribute("transform", `rotate(-90 12 ${(h - m.b) / 2})`);
    return { svg, sx, sy };
  }
  // points: [{x, y, label, front}]
  function scatter(box, points, xlabel, ylabel) {
    if (!points.length) { box.innerHTML = ""; return; }
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const f = frame(box, 640, 300, 0, Math.max(...xs), Math.max(...ys), xlabel, ylabel);
    const front = points.filter((p) => p.front).sort((a, b) => a.x - b.x);
    if (front.length > 1) {
      el("polyline", { class: "front-line", points: front.map((p) => `${f.sx(p.x)},${f.sy(p.y)}`).join(" ") }, f.svg);
    }
    for (const p of points) {
      const c = el("circle", { cx: f.sx(p.x), cy: f.sy(p.y), r: p.front ? 4 : 3, class: "point" + (p.front ? " front" : "") }, f.svg);
      el("title", {}, c).textContent = p.label;
    }
  }
  // bars: [{label, value, tip, parts}]; `tip`: the bar's tooltip (default
  // label: value); `parts`: [{name, value}] stacked from the axis up, in order
  function bars(box, items, ylabel) {
    box.innerHTML = "";
    if (!items.length) return;
    const w = 640, h = 260, m = { l: 56, b: 60, t: 10, r: 10 };
    const yt = ticks(Math.max(...items.map((i) => i.value)));
    const max = yt[yt.length - 1] || 1;
    const svg = el("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": `${ylabel}: ` + items.map((i) => `${i.label} ${fmt(i.value)}`).join(", ") }, box);
    const bw = (w - m.l - m.r) / items.length;
    el("line", { x1: m.l, y1: h - m.b, x2: w - m.r, y2: h - m.b, class: "axis" }, svg);
    items.forEach((it, i) => {
      const scale = (v) => ((h - m.t - m.b) * v) / max;
      const parts = it.parts && it.parts.length ? it.parts : [{ name: "", value: it.value }];
      let base = 0;
      parts.forEach((p, k) => {
        if (!(p.value > 0)) return;
        const r = el("rect", { x: m.l + i * bw + 2, y: h - m.b - scale(base + p.value), width: Math.max(1, bw - 4),
          height: scale(p.value), class: it.parts ? `bar part-${k}` : "bar" }, svg);
        el("title", {}, r).textContent = (p.name ? `${it.label} ${p.name}: ${p.value.toFixed(2)} · ` : "") +
          (it.tip || `${it.label}: ${it.value.toFixed(2)}`);
        base += p.value;
      });
      const t = text(svg, m.l + i * bw + bw / 2, h - m.b + 12, it.label, "end");
      t.setAttribute("transform", `rotate(-35 ${m.l + i * bw + bw / 2} ${h - m.b + 12})`);
    });
    for (const v of yt) text(svg, m.l - 4, h - m.b - ((h - m.t - m.b) * v) / max + 4, fmt(v), "end").setAttribute("class", "tick y");
    const yl = text(svg, 12, (h - m.b) / 2, ylabel, "middle");
    yl.setAttribute("transform", `rotate(-90 12 ${(h - m.b) / 2})`);
  }
  // series: [{name, cls, points: [[t, v]], dots}]; `dots`: mark each point (with a tooltip)
  function lines(box, series, xlabel, ylabel) {
    const all = series.flatMap((s) => s.points);
    if (!all.length) { box.innerHTML = ""; return; }
    const ts = all.map((p) => p[0]), vs = all.map((p) => p[1]);
    const day = (t) => new Date(t * 1000).toISOString().slice(5, 16).replace("T", " ");
    let t0 = Math.min(...ts), t1 = Math.max(...ts);
    if (t0 === t1) { t0 -= 86400; t1 += 86400; }  // one instant: a day either side
    const f = frame(box, 860, 300, t0, t1, Math.max(...vs), xlabel, ylabel, day);
    for (const s of series) {
      el("polyline", { class: s.cls, points: s.points.map((p) => `${f.sx(p[0]).toFixed(1)},${f.sy(p[1]).toFixed(1)}`).join(" ") }, f.svg);
      for (const p of s.dots ? s.points : []) {
        const dot = el("circle", { class: s.cls + " dot", cx: f.sx(p[0]).toFixed(1), cy: f.sy(p[1]).toFixed(1), r: 3 }, f.svg);
        el("title", {}, dot).textContent = `${s.name}: ${p[1]} (${new Date(p[0] * 1000).toISOString().slice(0, 16).replace("T", " ")})`;
      }
    }
  }
  return { scatter, bars, lines, ticks };
})();
