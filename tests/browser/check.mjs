// Checks clerk's pages the way a reader's browser sees them.
//
//   node check.mjs [--screenshots DIR] [--injection FILE]... PAGE.html...
//
// For each page, in headless Chromium at 320 and at 1280 CSS pixels wide:
// axe-core (WCAG 2.2 A and AA); at 320, no sideways scroll of the page
// (WCAG 1.4.10 reflow); every in-page link leads to an id on the page;
// every focusable element shows that it has the focus; and html-validate.
// Prints TAP. With --injection (once for each such page), FILE is a page
// rendered from a report whose every string is a script-injection
// payload: the test proves that no script ran and no element was
// injected. With --screenshots, saves full-page PNGs of each page in DIR
// instead: NAME.png at 1280, NAME-320.png at 320 and NAME-print.png as
// printed (print media at the width of A4).
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
  viewport: { width: 1280, height: 900 },
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
      // A scrolling table's wrapper is a region (named by its caption,
      // focusable), not a section of the document's outline.
      "prefer-native-element": ["error", { exclude: ["region"] }],
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
      const base = path.join(shots, (under ? rel : name).replace(/\.html$/, ""));
      for (const [suffix, width, media] of [["", 1280, "screen"], ["-320", 320, "screen"], ["-print", 794, "print"]]) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ media });
        await page.screenshot({ path: `${base}${suffix}.png`, fullPage: true });
        console.log(`# ${base}${suffix}.png`);
      }
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
          // clerk's own charts: the two drawings that open their figure.
          if (el.localName === "svg" && el.parentElement && el.parentElement.matches("figure.chart") &&
              (el.parentElement.firstElementChild === el ||
               el.parentElement.firstElementChild.nextElementSibling === el) &&
              /^chart-(wide|narrow)$/.test(el.getAttribute("class") || "")) continue;
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
    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const result = await page.evaluate(async () =>
        await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
          resultTypes: ["violations"],
        }));
      const v = result.violations;
      ok(v.length === 0, `${name}: axe-core finds no WCAG 2.2 A or AA violations at ${width} px`,
        v.map((x) => `${x.id} (${x.impact}): ${x.help}\n  ` +
          x.nodes.slice(0, 5).map((nd) => nd.target.join(" ") + " " + (nd.failureSummary || "").replace(/\n/g, " ")).join("\n  ")).join("\n"));
      if (width === 320) {
        // Reflow: nothing makes the page itself wider than the window.
        const wide = await page.evaluate(() => {
          const root = document.documentElement, vw = root.clientWidth;
          if (root.scrollWidth <= vw) return [];
          // The outermost elements that reach past the window's right edge.
          const out = [];
          for (const el of document.body.querySelectorAll("*")) {
            const r = el.getBoundingClientRect();
            if (r.right > vw + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1))
              out.push(`<${el.localName}${el.className && typeof el.className === "string" ? ` class="${el.className}"` : ""}> reaches ${Math.round(r.right)} px`);
          }
          return [`the page is ${root.scrollWidth} px wide in a ${vw} px window`, ...out.slice(0, 8)];
        });
        ok(wide.length === 0, `${name}: no sideways scroll at 320 px`, wide.join("\n"));
      }
    }
    // Every in-page link leads somewhere on the page.
    const broken = await page.$$eval("a[href^='#']", (as) => as
      .map((a) => a.getAttribute("href"))
      .filter((h) => h === "#" || !document.getElementById(decodeURIComponent(h.slice(1)))));
    ok(broken.length === 0, `${name}: every in-page link leads to an id on the page`,
      [...new Set(broken)].map((h) => `no id for href="${h}"`).join("\n"));
    // Every focusable element looks different when it has the focus: an
    // outline, a shadow, or another background or colour (WCAG 2.4.7).
    const unseen = await page.evaluate(() => {
      const sel = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
      const look = (el) => {
        const c = getComputedStyle(el);
        return [c.outlineStyle !== "none" && parseFloat(c.outlineWidth) > 0 ? `${c.outlineStyle} ${c.outlineWidth} ${c.outlineColor}` : "",
          c.boxShadow === "none" ? "" : c.boxShadow, c.backgroundColor, c.color, c.textDecorationLine].join("|");
      };
      const bad = [];
      for (const el of document.querySelectorAll(sel)) {
        if (el.closest("[hidden]") || getComputedStyle(el).visibility === "hidden") continue;
        const before = look(el);
        el.focus();
        if (document.activeElement !== el) continue;
        const after = look(el);
        el.blur();
        if (before === after) bad.push(`<${el.localName}${el.id ? ` id="${el.id}"` : ""}> ${(el.getAttribute("href") || el.textContent).slice(0, 60)}`);
      }
      return bad;
    });
    ok(unseen.length === 0, `${name}: every focusable element shows the focus`, unseen.slice(0, 10).join("\n"));
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
