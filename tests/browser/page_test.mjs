// The page in a real browser: headless Chromium (Debian's) driven by
// playwright-core against a `gpuscout serve` the test starts on loopback.
// Loads the page, filters offers, runs a recommendation, checks the chart
// drew with data and the console stayed clean, then the autoscaling and cost
// views; saves screenshots in the build folder.
// usage: node page_test.mjs GPUSCOUT_BINARY OUT_DIR
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const [bin, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const home = mkdtempSync(join(tmpdir(), "gpuscout-page-"));
const server = spawn(bin, ["serve", "--listen", "127.0.0.1:0", "--db", join(home, "g.db")], { env: { ...process.env, GPUSCOUT_HOME: home } });
const url = await new Promise((resolve, reject) => {
  let text = "";
  server.stderr.on("data", (d) => {
    text += d;
    const m = text.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error("server exited " + code + ": " + text)));
  setTimeout(() => reject(new Error("server did not start: " + text)), 20000);
});

let failures = 0;
function check(ok, what) {
  console.log((ok ? "ok   " : "FAIL ") + what);
  if (!ok) failures++;
}

// Tick labels ("0", "2.5k", "0.05") are round: from 0 in equal steps of
// 1, 2 or 5 x 10^k.
function roundTicks(labels) {
  const unit = { k: 1e3, M: 1e6 };
  const v = labels.map((l) => parseFloat(l) * (unit[l.slice(-1)] || 1));
  if (v.length < 2 || v[0] !== 0) return false;
  const step = v[1] - v[0], p = Math.pow(10, Math.floor(Math.log10(step))), m = step / p;
  const nice = [1, 2, 5].some((k) => Math.abs(m - k) < 1e-6);
  return nice && v.every((x, i) => Math.abs(x - i * step) <= 1e-9 * Math.max(1, x));
}
async function ticksOf(page, selector) {
  return page.$$eval(selector, (ts) => ts.map((t) => t.textContent));
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(m.type() + ": " + m.text()); });
  page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
  await page.goto(url);
  await page.waitForSelector("#offers-table tbody tr");
  const all = await page.locator("#offers-table tbody tr").count();
  check(all > 10, `offers listed on load (${all})`);
  // Each offer says how old its price is: a date and its age, or no date.
  const ages = await page.$$eval("#offers-table tbody tr td:last-child", (c) => c.map((x) => x.textContent));
  check(ages.every((a) => /^\d{4}-\d{2}-\d{2} \(\d+ d\)$|^no date$/.test(a)), `price ages shown (${ages.slice(0, 3)})`);
  check(/older than 30 days/.test(await page.textContent("#offers-status")), "stale prices named in the status");

  // Filter: 8 x A100-80GB.
  await page.fill("#offers-gpu", "A100-80GB:8");
  await page.click("#offers-go");
  await page.waitForFunction(() => /offers/.test(document.getElementById("offers-status").textContent) &&
    [...document.querySelectorAll("#offers-table tbody tr")].every((r) => r.cells[3].textContent === "A100-80GB"));
  const filtered = await page.locator("#offers-table tbody tr").count();
  check(filtered > 0 && filtered < all, `filter to A100-80GB:8 (${filtered} rows)`);
  // Click an offer: its price history is drawn (the snapshot's dated point at least).
  await page.fill("#offers-gpu", "L4:1");
  await page.fill("#offers-vendor", "gcp");
  await page.click("#offers-go");
  await page.waitForFunction(() => [...document.querySelectorAll("#offers-table tbody tr")].length > 0 &&
    [...document.querySelectorAll("#offers-table tbody tr")].every((r) => r.cells[0].textContent === "gcp"));
  await page.click("#offers-table tbody tr:first-child");
  await page.waitForFunction(() => /points/.test(document.getElementById("history-status").textContent));
  const dots = await page.locator("#history-chart circle.dot").count();
  check(dots > 0, `price history drawn for the clicked offer (${dots} points)`);
  check(/gcp .* price history/.test(await page.textContent("#history-title")), "history titled with the offer");
  await page.fill("#offers-gpu", "A100-80GB:8");
  await page.fill("#offers-vendor", "");
  await page.click("#offers-go");
  await page.waitForFunction(() => /offers/.test(document.getElementById("offers-status").textContent) &&
    [...document.querySelectorAll("#offers-table tbody tr")].every((r) => r.cells[3].textContent === "A100-80GB"));
  // Sort by the on-demand price column, descending then ascending.
  await page.click("#offers-table th:nth-child(8)");
  const prices = await page.$$eval("#offers-table tbody tr td:nth-child(8)", (c) => c.map((x) => parseFloat(x.textContent)).filter((x) => !isNaN(x)));
  check(prices.every((p, i) => i === 0 || prices[i - 1] <= p), "sorted by price");

  // A recommendation with its chart.
  await page.click("button[data-tab=recommend]");
  await page.click("#rec-go");
  await page.waitForSelector("#rec-chart svg circle.point", { timeout: 30000 });
  const points = await page.locator("#rec-chart circle.point").count();
  const front = await page.locator("#rec-chart circle.front").count();
  const rows = await page.locator("#rec-table tbody tr").count();
  check(points >= 5, `cost-time chart drew ${points} points`);
  check(front >= 1, `Pareto front marked (${front} points)`);
  check(rows >= 5, `ranked results (${rows} rows)`);
  const coords = await page.$$eval("#rec-chart circle.point", (cs) => cs.map((c) => [+c.getAttribute("cx"), +c.getAttribute("cy")]));
  check(coords.every(([x, y]) => isFinite(x) && isFinite(y)) && new Set(coords.map((c) => c.join())).size > 1, "points at distinct finite positions");
  const ry = await ticksOf(page, "#rec-chart text.tick.y"), rx = await ticksOf(page, "#rec-chart text.tick.x");
  check(roundTicks(ry) && roundTicks(rx), `round axis ticks (cost ${ry.join(" ")}; hours ${rx.join(" ")})`);
  const tips = await page.$$eval("#rec-chart circle.point title", (ts) => ts.map((t) => t.textContent));
  check(tips.length === points && tips.every((t) => / in [\d.]+ h$/.test(t) && /\d\.\d\d/.test(t)), `a tooltip on every point: offer, cost, hours (${tips[0]})`);
  await page.screenshot({ path: join(out, "recommend.png"), fullPage: true });

  // Cost across purchase options and regions.
  await page.click("button[data-tab=cost]");
  await page.click("#cost-go");
  await page.waitForSelector("#cost-regions svg rect.bar", { timeout: 30000 });
  check(await page.locator("#cost-chart rect.bar").count() >= 4, "purchase options charted");
  const barTips = await page.$$eval("#cost-chart rect.bar title", (ts) => ts.map((t) => t.textContent));
  check(barTips.length >= 4 && barTips.every((t) => / for [\d.]+ h \(/.test(t) && /\d\.\d\d/.test(t)), `a tooltip on every bar: offer, cost, hours, rate (${barTips[0]})`);
  const cy = await ticksOf(page, "#cost-chart text.tick.y");
  check(roundTicks(cy), `round ticks on the cost bars (${cy.join(" ")})`);
  // The whole job: storage and egress stacked on each option's bar.
  await page.fill("#cost-disk", "2000");
  await page.fill("#cost-egress", "5000");
  await page.click("#cost-go");
  await page.waitForSelector("#cost-chart svg rect.bar.part-3", { timeout: 30000 });
  const stacked = await page.locator("#cost-chart rect.bar.part-2").count();
  const egress = await page.$$eval("#cost-chart rect.bar.part-3 title", (ts) => ts.map((t) => t.textContent));
  check(stacked >= 4 && egress.length >= 4 && egress.every((t) => /egress: \d+\.\d\d/.test(t)), `storage and egress stacked on every option (${egress[0]})`);

  // The fleet view of uploaded probe reports (none on this server: the view says so).
  await page.click("button[data-tab=probes]");
  await page.click("#probes-go");
  await page.waitForFunction(() => /instance types/.test(document.getElementById("probes-status").textContent), null, { timeout: 30000 });
  check(/0 instance types · 0 underperform/.test(await page.textContent("#probes-status")), "the fleet view answers");

  // The autoscaling timeline.
  await page.click("button[data-tab=scale]");
  await page.click("#scale-go");
  await page.waitForSelector("#scale-chart svg polyline.capacity", { timeout: 30000 });
  const pts = await page.$eval("#scale-chart polyline.demand", (p) => p.getAttribute("points").split(" ").length);
  check(pts > 1000, `timeline drew ${pts} demand points`);
  await page.screenshot({ path: join(out, "scale.png"), fullPage: true });

  // Accessibility (axe-core, WCAG 2 A and AA): every view's forms and
  // tables, each tab shown in turn with its results on the page.
  await page.addScriptTag({ path: axePath });
  const violations = [];
  for (const tab of ["offers", "recommend", "cost", "scale"]) {
    await page.click(`button[data-tab=${tab}]`);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } });
      return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes[0].target.join(" ")})`);
    });
    for (const v of found) violations.push(`${tab}: ${v}`);
  }
  check(violations.length === 0, "accessibility check (axe-core, WCAG 2 AA)" + (violations.length ? ": " + violations.join("; ") : ""));

  // A phone: 375 px wide, nothing wider than the screen but scrollable tables.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.click("button[data-tab=offers]");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 376, `fits 375 px (page ${wide} px wide)`);
  await page.screenshot({ path: join(out, "phone-375.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Chinese.
  await page.selectOption("#lang", "zh");
  check((await page.textContent("button[data-tab=recommend]")) === "推荐", "Chinese labels");
  // Everywhere: the results already shown re-render, table headers and status lines too.
  await page.click("button[data-tab=recommend]");
  const heads = await page.$$eval("#rec-table th", (ts) => ts.map((t) => t.textContent));
  check(heads.includes("厂商") && heads.includes("总成本") && !heads.includes("vendor"), `recommend table headers in Chinese (${heads.join(" ")})`);
  check(/已计价/.test(await page.textContent("#rec-status")), `recommend status in Chinese (${await page.textContent("#rec-status")})`);
  check(/条报价/.test(await page.textContent("#offers-status")), "offers status in Chinese");
  const sheads = await page.$$eval("#scale-table th", (ts) => ts.map((t) => t.textContent));
  check(sheads.includes("资源池"), `autoscaling table headers in Chinese (${sheads.join(" ")})`);

  check(problems.length === 0, "no console errors" + (problems.length ? ": " + problems.join("; ") : ""));
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(failures ? `${failures} failed` : "all passed");
process.exit(failures ? 1 : 0);
