// The gpuscout page: every view calls the REST API the CLI's JSON comes from.
"use strict";
const WORDS = {
  en: {},
  zh: {
    tab_offers: "实例报价", tab_recommend: "推荐", tab_cost: "成本", tab_scale: "弹性伸缩", tab_probes: "实测报告",
    token: "令牌", gpu: "GPU", vendor: "厂商", region: "地域", min_mem: "最小显存 (GiB)", spot_only: "仅竞价实例",
    search: "查询", model: "模型", task: "任务", tokens: "训练 token 数", deadline: "期限（小时）", recommend: "推荐",
    chart_cost_time: "成本与时间（帕累托前沿）", instance: "实例规格", hours_month: "每月小时数", months: "月数", price: "计价",
    chart_options: "各购买方式总成本：计算、中断、存储、出流量", chart_regions: "各地域按需价格", example: "示例负载",
    disk_gb: "云盘 GB", egress_gb: "出流量 GB/月", discount: "协议折扣", compute: "计算", interruption: "中断",
    storage: "存储", egress: "出流量", short_median: "中位机器未达标", underperform: "未达承诺",
    "h_failing": "失败", "h_drivers": "驱动", "h_median": "中位数", "h_worst": "最差", "h_flag": "标记",
    fleet: "集群配置（YAML，留空：文中 85% 阈值规则）", simulate: "模拟", chart_timeline: "需求与容量",
    probes_help: "用 gpuscout probe --vendor V --instance I --upload URL 上传的报告：各实例规格承诺值与实测值。", refresh: "刷新",
    offers_found: "条报价", history: "价格历史", points: "个点", undated: "个无日期的点未画出", date: "日期", as_of: "价格日期", days: "天", no_date: "日期未记录", stale: "价格超过 30 天或日期未记录",
    nothing: "没有结果", cost: "成本", hours: "小时", requests: "请求/秒",
    "h_vendor": "厂商", "h_instance": "实例规格", "h_region": "地域", "h_GPU": "GPU", "h_GPUs": "GPU 数", "h_GiB/GPU": "显存/GPU (GiB)",
    "h_vCPUs": "vCPU", "h_on-demand/h": "按需/小时", "h_spot/h": "竞价/小时", "h_RDMA": "RDMA", "h_cur": "币种",
    "h_prices as of": "价格日期", "h_#": "#", "h_nodes": "节点数", "h_purchase": "购买方式", "h_price/h": "单价/小时",
    "h_hours": "小时", "h_total": "总成本", "h_pool": "资源池", "h_peak nodes": "峰值节点数", "h_node-hours": "节点小时",
    "h_cost": "成本", "h_short %": "容量不足 %", "h_static cost": "固定集群成本", "h_reports": "报告数", "h_check": "检查项",
    "h_promised": "承诺值", "h_measured": "实测值", "h_ok": "达标", "h_short": "不足",
    shown: "条显示", priced: "个已计价", vs_static: "对比固定集群", slo_met: "达标", slo_missed: "未达标", instance_types: "种实例规格",
  },
};
let lang = "en";
function t(key, fallback) { return (WORDS[lang] && WORDS[lang][key]) || fallback || key; }
// Status lines are kept as functions, so that a change of language
// re-renders them with the rest.
const statuses = {};
function applyLang() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((e) => {
    if (!e.dataset.en) e.dataset.en = e.innerHTML;
    e.innerHTML = lang === "en" ? e.dataset.en : t(e.dataset.i18n, e.dataset.en);
  });
  for (const [id, [text, error]] of Object.entries(statuses)) status(id, text, error);
}

// "2026-05-20 (194 d)", or "no date" when the sheet records none.
function priceAge(o) {
  return o.price_as_of ? `${o.price_as_of} (${o.price_age_days} ${t("days", "d")})` : t("no_date", "no date");
}

async function api(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  const token = document.getElementById("token").value || sessionStorage.getItem("gpuscout-token");
  if (token) headers.Authorization = "Bearer " + token;
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const data = await res.json();
  if (!res.ok) {
    const e = data.error || {};
    throw new Error((e.field ? e.field + ": " : "") + (e.message || res.status));
  }
  return data;
}

// `msg`: a string, or a function giving it in the current language.
function status(id, msg, error) {
  statuses[id] = [msg, error];
  const p = document.getElementById(id);
  p.textContent = typeof msg === "function" ? msg() : msg;
  p.classList.toggle("error", !!error);
}

// A table from rows of cells; numeric cells right-aligned; click a header to
// sort; `onRow` (optional) is called with a row's cells when it is clicked.
function table(id, headers, rows, onRow) {
  const tab = document.getElementById(id);
  const thead = tab.querySelector("thead"), tbody = tab.querySelector("tbody");
  thead.innerHTML = "";
  const tr = document.createElement("tr");
  headers.forEach((h, i) => {
    const th = document.createElement("th");
    th.dataset.i18n = "h_" + h;  // translated by applyLang, now and on a change of language
    th.dataset.en = h;
    th.textContent = lang === "en" ? h : t("h_" + h, h);
    th.onclick = () => sortBy(i);
    tr.appendChild(th);
  });
  thead.appendChild(tr);
  let current = rows.slice(), dir = 1, last = -1;
  function render() {
    tbody.innerHTML = "";
    for (const r of current) {
      const row = document.createElement("tr");
      if (onRow) { row.className = "pick"; row.tabIndex = 0; row.onclick = () => onRow(r); row.onkeydown = (e) => { if (e.key === "Enter") onRow(r); }; }
      for (const c of r) {
        const td = document.createElement("td");
        if (typeof c === "number") { td.className = "num"; td.textContent = Number.isInteger(c) ? c : c.toFixed(3); }
        else td.textContent = c === null || c === undefined ? "-" : c;
        row.appendChild(td);
      }
      tbody.appendChild(row);
    }
  }
  function sortBy(i) {
    dir = last === i ? -dir : 1;
    last = i;
    current.sort((a, b) => {
      const x = a[i], y = b[i];
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === "number" ? x - y : String(x).localeCompare(String(y))) * dir;
    });
    render();
  }
  render();
}

function formData(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (v !== "") out[k] = v;
  return out;
}

async function searchOffers(ev) {
  if (ev) ev.preventDefault();
  const q = formData(document.getElementById("offers-form"));
  if (document.getElementById("offers-spot").checked) q.spot = "true"; else delete q.spot;
  q.limit = "200";
  status("offers-status", "…");
  try {
    const rows = await api("GET", "/v1/offers?" + new URLSearchParams(q));
    table("offers-table", ["vendor", "instance", "region", "GPU", "GPUs", "GiB/GPU", "vCPUs", "on-demand/h", "spot/h", "RDMA", "cur", "prices as of"],
      rows.map((o) => [o.vendor, o.instance_type, o.region, o.gpu, o.gpu_count, o.gpu_mem_gib, o.vcpus, o.price_hour, o.spot_price_hour, o.rdma, o.currency, priceAge(o)]),
      (r) => showHistory(r[0], r[1], r[2]));
    const stale = [...new Set(rows.filter((o) => o.price_stale).map((o) => o.vendor))];
    status("offers-status", () => rows.length + " " + t("offers_found", "offers") +
      (stale.length ? "; " + t("stale", "prices older than 30 days or undated") + ": " + stale.join(", ") : ""));
  } catch (e) { status("offers-status", e.message, true); }
}

// One offer's price history (every refresh and import since the snapshot) as lines, one per purchase option.
async function showHistory(vendor, instance, region) {
  const box = document.getElementById("offers-history");
  box.hidden = false;
  document.getElementById("history-title").textContent = `${vendor} ${instance} ${region}: ` + t("history", "price history");
  status("history-status", "…");
  try {
    const h = await api("GET", "/v1/prices/history?" + new URLSearchParams({ vendor, instance, region }));
    const series = h.series.map((s) => ({
      name: s.purchase + (s.zones.length ? " " + s.zones.join(" ") : ""), cls: "history " + s.purchase, dots: true,
      points: s.points.filter((p) => p.as_of).map((p) => [Date.parse(p.as_of) / 1000, p.price]) }));
    Charts.lines(document.getElementById("history-chart"), series, t("date", "date"), (h.series[0] || {}).currency || "");
    const undated = h.series.reduce((n, s) => n + s.points.filter((p) => !p.as_of).length, 0);
    status("history-status", h.series.map((s) => `${s.purchase}${s.zones.length > 1 ? " (" + s.zones.length + " zones)" : ""}: ` +
      `${s.points.length} ${t("points", "points")}, min ${s.min}, median ${s.median}, max ${s.max}` +
      (s.change_pct === null ? "" : `, ${s.change >= 0 ? "+" : ""}${s.change_pct.toFixed(1)}%`)).join("; ") +
      (undated ? "; " + undated + " " + t("undated", "undated points not drawn") : ""));
  } catch (e) { status("history-status", e.message, true); }
}

async function recommend(ev) {
  if (ev) ev.preventDefault();
  const f = formData(document.getElementById("rec-form"));
  const body = { workload: { model: f.model, task: f.task }, top: 50, objective: "cost" };
  if (f.tokens) body.workload.tokens = Number(f.tokens);
  if (f.deadline) body.deadline = Number(f.deadline);
  if (f.vendor) body.vendor = f.vendor;
  status("rec-status", "…");
  try {
    const r = await api("POST", "/v1/recommend", body);
    const key = (c) => c.vendor + c.instance_type + c.region + c.nodes + c.purchase;
    const front = new Set(r.pareto.map(key));
    const points = r.candidates.concat(r.pareto.filter((c) => !r.candidates.some((d) => key(d) === key(c))))
      .map((c) => ({ x: c.hours, y: c.total_cost, front: front.has(key(c)), label: `${c.vendor} ${c.instance_type} ${c.purchase}: ${c.total_cost.toFixed(2)} in ${c.hours.toFixed(1)} h` }));
    const cur = (r.candidates[0] || r.pareto[0] || {}).currency || "";
    Charts.scatter(document.getElementById("rec-chart"), points, t("hours", "hours"), t("cost", "total cost") + " (" + cur + ")");
    table("rec-table", ["#", "vendor", "instance", "region", "GPU", "nodes", "purchase", "price/h", "hours", "total"],
      r.candidates.map((c, i) => [i + 1, c.vendor, c.instance_type, c.region, c.gpu, c.nodes, c.purchase, c.price_hour, c.hours, c.total_cost]));
    status("rec-status", () => r.candidates.length ? `${r.candidates.length} ${t("shown", "shown")} · ${r.evaluated} ${t("priced", "priced")}` : t("nothing", "Nothing meets the constraints"), !r.candidates.length);
  } catch (e) { status("rec-status", e.message, true); }
}

async function cost(ev) {
  if (ev) ev.preventDefault();
  const f = formData(document.getElementById("cost-form"));
  const body = { vendor: f.vendor, instance: f.instance, hours_per_month: Number(f.hours_per_month), months: Number(f.months) };
  if (f.disk_gb) body.disk_gb = Number(f.disk_gb);
  if (f.egress_gb) body.egress_gb = Number(f.egress_gb);
  if (f.discount) body.discount = f.discount;
  status("cost-status", "…");
  try {
    const one = await api("POST", "/v1/cost", body);
    const hours = one.hours_per_month * one.months;
    Charts.bars(document.getElementById("cost-chart"),
      one.options.filter((o) => o.available).map((o) => ({
        label: o.purchase, value: o.total,
        // compute, interruptions, storage and egress stacked; a discount is taken off compute
        parts: o.cost_split ? [
          { name: t("compute", "compute"), value: o.cost_split.compute - o.cost_split.discount },
          { name: t("interruption", "interruptions"), value: o.cost_split.interruption },
          { name: t("storage", "storage"), value: o.cost_split.storage },
          { name: t("egress", "egress"), value: o.cost_split.egress }] : null,
        tip: `${one.vendor} ${one.instance_type} ${o.purchase}: ${o.total.toFixed(2)} ${o.currency} for ${hours} h (${o.rate} ${o.currency}/${o.rate_unit || "hour"})` })),
      t("cost", "total") + " (" + (one.options[0] || {}).currency + ")");
    const regions = await api("POST", "/v1/cost", { vendor: f.vendor, instance: f.instance, all_regions: true });
    Charts.bars(document.getElementById("cost-regions"),
      regions.filter((r) => r.price_hour !== null).map((r) => ({
        label: r.region, value: r.price_hour, tip: `${f.vendor} ${f.instance} ${r.region}: ${r.price_hour} ${r.currency}/h on demand` })), "/h");
    status("cost-status", `${one.vendor} ${one.instance_type} ${one.region}`);
  } catch (e) { status("cost-status", e.message, true); }
}

async function simulate(ev) {
  if (ev) ev.preventDefault();
  const f = formData(document.getElementById("scale-form"));
  const body = { example: f.example, timeline: true };
  if (f.fleet) body.fleet = f.fleet;
  status("scale-status", "…");
  try {
    const r = await api("POST", "/v1/scale/simulate", body);
    const rows = r.timeline.rows;
    const series = [];
    r.pools.forEach((p, i) => {
      const mine = rows.filter((x) => x[1] === i);
      series.push({ cls: "demand", points: mine.map((x) => [x[0], x[2]]) });
      series.push({ cls: "capacity", points: mine.map((x) => [x[0], x[3]]) });
    });
    Charts.lines(document.getElementById("scale-chart"), series, "UTC", t("requests", "requests/s"));
    table("scale-table", ["pool", "peak nodes", "node-hours", "cost", "short %", "static cost"],
      r.pools.map((p, i) => [p.name, p.peak_nodes, p.node_hours, p.cost, 100 * p.underprovisioned_share, r.static_fleet.pools[i].cost]));
    status("scale-status", () => `${r.currency} ${r.total_cost.toFixed(2)} ${t("vs_static", "vs static")} ${r.static_fleet.total_cost.toFixed(2)} · SLO ${r.slo.met ? t("slo_met", "met") : t("slo_missed", "missed")}`, !r.slo.met);
  } catch (e) { status("scale-status", e.message, true); }
}

async function probes() {
  status("probes-status", "…");
  try {
    const fleet = await api("GET", "/v1/fleet");
    const rows = [];
    for (const it of fleet) {
      const versions = Object.entries(it.drivers).map(([v, n]) => `${v} (${n})`).join(", ");
      for (const c of it.checks) {
        const shortOfPromise = it.short_checks.includes(c.what);
        rows.push([it.vendor, it.instance_type, it.reports, it.failing, versions, c.what, c.promised, c.median, c.worst ?? "-",
          c.short, shortOfPromise ? t("short_median", "median machine short") : ""]);
      }
    }
    table("probes-table", ["vendor", "instance", "reports", "failing", "drivers", "check", "promised", "median", "worst", "short",
      "flag"], rows);
    const flagged = fleet.filter((it) => it.underperforms).length;
    status("probes-status", () => `${fleet.length} ${t("instance_types", "instance types")} · ${flagged} ${t("underperform", "underperform")}`);
  } catch (e) { status("probes-status", e.message, true); }
}

document.querySelectorAll("#tabs button").forEach((b) => {
  b.onclick = () => {
    document.querySelectorAll("#tabs button").forEach((x) => x.classList.toggle("active", x === b));
    document.querySelectorAll(".tab").forEach((s) => s.classList.toggle("active", s.id === b.dataset.tab));
    if (b.dataset.tab === "probes") probes();
  };
});
document.getElementById("lang").onchange = (e) => { lang = e.target.value; applyLang(); };
document.getElementById("token").onchange = (e) => sessionStorage.setItem("gpuscout-token", e.target.value);
document.getElementById("offers-form").onsubmit = searchOffers;
document.getElementById("rec-form").onsubmit = recommend;
document.getElementById("cost-form").onsubmit = cost;
document.getElementById("scale-form").onsubmit = simulate;
document.getElementById("probes-go").onclick = probes;
if (navigator.language && navigator.language.startsWith("zh")) { lang = "zh"; document.getElementById("lang").value = "zh"; }
applyLang();
searchOffers();
