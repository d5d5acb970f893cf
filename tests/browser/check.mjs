// Checks clerk's pages the way a reader's browser sees them.
//
//   node check.mjs [--screenshots DIR] [--injection FILE]... PAGE.html...
//
// For each page: axe-core (WCAG 2.2 A and AA) in headless Chromium and
// html-validate; prints TAP. With --injection (once for each such page),
// FILE is a page rendered from a report whose every string is a
// script-injection payload: the test proves that no script ran and no
// element was injected. With --screenshots, saves a full-page PNG of each
// page in DIR instead.
import { chromium } from "playwright-core";
import { HtmlValidate } from "html-validate";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const args = process.argv.slice(2);
let shots = null;
const injection = new Set();
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--screenshots") shots = args[++i];
  else if (args[i] === "--injection") injection.add(path.resolve(args[++i]));
  else pages.push(args[i]);
}

let n = 0;
let failed = 0;
function ok(pass, name, details) {
  n++;
  if (!pass) failed++;
  console.log(`${pass ? "ok" : "not ok"} ${n} - ${name}`);
  if (!pass && details)
    for (const line of String(details).split("\n")) console.log(`# ${line}`);
}

const profile = mkdtempSync(path.join(tmpdir(), "clerk-chromium-"));
// A fresh profile each run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1024, height: 900 },
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});

try {
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended"],
    rules: {
      "void-style": ["error", { style: "selfclosing" }],
      "no-trailing-whitespace": "off",
      "long-title": "off",
    },
  });
  for (const file of pages) {
    const name = path.basename(file);
    const page = await browser.newPage();
    // A page that is self-contained asks the network for nothing.
    const requests = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
    if (shots) {
      // Beside the page when it lies in DIR (out/COUNCIL/NAME.png), so
      // two councils' pages of the same name keep their own pictures.
      const rel = path.relative(shots, file);
      const under = !rel.startsWith("..") && !path.isAbsolute(rel);
      const out = path.join(shots, (under ? rel : name).replace(/\.html$/, ".png"));
      await page.screenshot({ path: out, fullPage: true });
      console.log(`# ${out}`);
      await page.close();
      continue;
    }
    ok(requests.length === 0, `${name}: self-contained (no requests)`, requests.join("\n"));
    // Before axe adds its own script to the page.
    if (injection.has(path.resolve(file))) {
      const dialogs = [];
      page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      const found = await page.evaluate(() => {
        const bad = [];
        if (window.__pwned !== undefined) bad.push("window.__pwned was set: a payload ran");
        for (const el of document.querySelectorAll("script,iframe,object,embed,form,input,button,svg,math,base,link,meta[http-equiv]")) {
          // clerk's own charts: an svg that is the first child of its figure.
          if (el.localName === "svg" && el.parentElement && el.parentElement.matches("figure.chart") &&
              el.parentElement.firstElementChild === el) continue;
          bad.push(`injected element <${el.localName}>`);
        }
        for (const el of document.querySelectorAll("img"))
          if (!el.closest(".masthead")) bad.push(`injected <img src="${el.getAttribute("src")}">`);
        for (const el of document.querySelectorAll("*"))
          for (const a of el.attributes) {
            if (/^on/i.test(a.name)) bad.push(`event handler ${a.name} on <${el.localName}>`);
            if (a.name === "style") bad.push(`style attribute on <${el.localName}>`);
            if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) &&
                /^\s*(javascript|vbscript|data):/i.test(a.value) && !el.closest(".masthead"))
              bad.push(`unsafe URL ${a.name}="${a.value}" on <${el.localName}>`);
          }
        if (!document.body.textContent.includes("<script>"))
          bad.push("the payloads' text is not shown as text");
        return bad;
      });
      // Follow every link that stays on the page, in case one runs script.
      const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
      for (const h of hrefs) if (h.startsWith("#")) await page.evaluate((x) => { location.hash = x; }, h);
      const pwned = await page.evaluate(() => window.__pwned !== undefined);
      if (pwned) found.push("window.__pwned was set after following links");
      ok(found.length === 0 && dialogs.length === 0,
        `${name}: no payload executes and no element is injected`,
        found.concat(dialogs.map((d) => `dialog: ${d}`)).join("\n"));
    }
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () =>
      await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        resultTypes: ["violations"],
      }));
    const v = result.violations;
    ok(v.length === 0, `${name}: axe-core finds no WCAG 2.2 A or AA violations`,
      v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ` +
        x.nodes.slice(0, 5).map((nd) => nd.target.join(" ") + " " + (nd.failureSummary || "").replace(/\n/g, " ")).join("\n  ")).join("\n"));
    const report = await validator.validateFile(file);
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column}: ${m.ruleId}: ${m.message}`));
    ok(report.errorCount === 0, `${name}: html-validate reports no errors`, messages.slice(0, 30).join("\n"));

    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (!shots) console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
