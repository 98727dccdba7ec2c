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
  function fmt(v) {
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(1) + "M";
    if (a >= 1e3) return (v / 1e3).toFixed(1) + "k";
    if (a >= 10) return v.toFixed(0);
    return v.toPrecision(2);
  }
  function frame(box, w, h, xmin, xmax, ymin, ymax, xlabel, ylabel, xfmt) {
    box.innerHTML = "";
    const svg = el("svg", { viewBox: `0 0 ${w} ${h}`, role: "img" }, box);
    const m = { l: 56, r: 12, t: 10, b: 36 };
    const sx = (x) => m.l + ((x - xmin) / (xmax - xmin || 1)) * (w - m.l - m.r);
    const sy = (y) => h - m.b - ((y - ymin) / (ymax - ymin || 1)) * (h - m.t - m.b);
    el("line", { x1: m.l, y1: h - m.b, x2: w - m.r, y2: h - m.b, class: "axis" }, svg);
    el("line", { x1: m.l, y1: m.t, x2: m.l, y2: h - m.b, class: "axis" }, svg);
    for (let i = 0; i <= 4; i++) {
      const xv = xmin + ((xmax - xmin) * i) / 4, yv = ymin + ((ymax - ymin) * i) / 4;
      text(svg, sx(xv), h - m.b + 14, (xfmt || fmt)(xv), "middle");
      text(svg, m.l - 4, sy(yv) + 4, fmt(yv), "end");
    }
    text(svg, (w + m.l) / 2, h - 4, xlabel, "middle");
    const yl = text(svg, 12, (h - m.b) / 2, ylabel, "middle");
    yl.setAttribute("transform", `rotate(-90 12 ${(h - m.b) / 2})`);
    return { svg, sx, sy };
  }
  // points: [{x, y, label, front}]
  function scatter(box, points, xlabel, ylabel) {
    if (!points.length) { box.innerHTML = ""; return; }
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const f = frame(box, 640, 300, 0, Math.max(...xs) * 1.05, 0, Math.max(...ys) * 1.05, xlabel, ylabel);
    const front = points.filter((p) => p.front).sort((a, b) => a.x - b.x);
    if (front.length > 1) {
      el("polyline", { class: "front-line", points: front.map((p) => `${f.sx(p.x)},${f.sy(p.y)}`).join(" ") }, f.svg);
    }
    for (const p of points) {
      const c = el("circle", { cx: f.sx(p.x), cy: f.sy(p.y), r: p.front ? 4 : 3, class: "point" + (p.front ? " front" : "") }, f.svg);
      el("title", {}, c).textContent = p.label;
    }
  }
  // bars: [{label, value}]
  function bars(box, items, ylabel) {
    box.innerHTML = "";
    if (!items.length) return;
    const w = 640, h = 260, m = { l: 56, b: 60, t: 10, r: 10 };
    const max = Math.max(...items.map((i) => i.value)) * 1.05 || 1;
    const svg = el("svg", { viewBox: `0 0 ${w} ${h}`, role: "img" }, box);
    const bw = (w - m.l - m.r) / items.length;
    el("line", { x1: m.l, y1: h - m.b, x2: w - m.r, y2: h - m.b, class: "axis" }, svg);
    items.forEach((it, i) => {
      const bh = ((h - m.t - m.b) * it.value) / max;
      const r = el("rect", { x: m.l + i * bw + 2, y: h - m.b - bh, width: Math.max(1, bw - 4), height: bh, class: "bar" }, svg);
      el("title", {}, r).textContent = `${it.label}: ${it.value.toFixed(2)}`;
      const t = text(svg, m.l + i * bw + bw / 2, h - m.b + 12, it.label, "end");
      t.setAttribute("transform", `rotate(-35 ${m.l + i * bw + bw / 2} ${h - m.b + 12})`);
    });
    for (let i = 0; i <= 4; i++) text(svg, m.l - 4, h - m.b - ((h - m.t - m.b) * i) / 4 + 4, fmt((max * i) / 4), "end");
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
    const f = frame(box, 860, 300, t0, t1, 0, Math.max(...vs) * 1.05, xlabel, ylabel, day);
    for (const s of series) {
      el("polyline", { class: s.cls, points: s.points.map((p) => `${f.sx(p[0]).toFixed(1)},${f.sy(p[1]).toFixed(1)}`).join(" ") }, f.svg);
      for (const p of s.dots ? s.points : []) {
        const dot = el("circle", { class: s.cls + " dot", cx: f.sx(p[0]).toFixed(1), cy: f.sy(p[1]).toFixed(1), r: 3 }, f.svg);
        el("title", {}, dot).textContent = `${s.name}: ${p[1]} (${new Date(p[0] * 1000).toISOString().slice(0, 16).replace("T", " ")})`;
      }
    }
  }
  return { scatter, bars, lines };
})();
