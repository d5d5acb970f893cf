import { chromium } from "playwright-core";
const [file, out, sel, h] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium" });
const p = await b.newPage({ viewport: { width: 1000, height: 800 } });
await p.goto("file://" + file);
const y = await p.evaluate((s) => document.querySelector(s).getBoundingClientRect().top + window.scrollY, sel);
await p.screenshot({ path: out, clip: { x: 0, y: y - 10, width: 1000, height: +h }, fullPage: true });
await b.close();
