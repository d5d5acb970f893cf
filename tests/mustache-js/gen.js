// gen.js: generates Mustache templates, partials and data from a seed and
// renders them with mustache.js, the reference for clerk's differential
// test. Writes one JSON file (a list of cases) that clerk's YAML loader
// reads; tests/tools/mustache_diff.c renders each case with clerk and
// compares.
//
// usage: node gen.js SEED COUNT OUT.json
//
// mustache.js differs from clerk on purpose in a few documented ways
// (docs/mustache.md, "Differences from mustache.js"). The renderer is
// instrumented to notice when a case meets one of them, and the case is
// marked with the reason, so that a difference in it is expected; any
// other difference is a failure.
'use strict';
const fs = require('fs');
const path = require('path');
const Mustache = require(path.join(__dirname, 'node_modules', 'mustache'));

const [seedArg, countArg, outArg] = process.argv.slice(2);
if (!outArg) {
  console.error('usage: node gen.js SEED COUNT OUT.json');
  process.exit(2);
}

// mulberry32: small, seedable, the same on every machine.
let state = (Number(seedArg) >>> 0) || 1;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (a) => a[int(a.length)];

// clerk escapes & < > " ' (docs/mustache.md); mustache.js also escapes
// / ` =, so the reference uses clerk's set.
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
Mustache.escape = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);

const KEYS = ['a', 'b', 'c', 'name', 'items', 'x', 'ok', 'list', 'obj', 'n'];
const STRINGS = ['', 'text', 'A & B', '<b>bold</b>', '"quoted"', "it's",
  'a/b`c=d', '{{a}}', 'line\nbreak', '  padded  ', '0', 'false', 'é ü £'];

function genValue(depth) {
  const r = int(depth > 2 ? 6 : 9);
  switch (r) {
    case 0: return pick(STRINGS);
    case 1: return int(5) - 1;
    case 2: return (int(41) - 20) / 4;
    case 3: return rand() < 0.5;
    case 4: return null;
    case 5: return pick(STRINGS);
    case 6: case 7: return genMap(depth + 1);
    default: {
      const l = [];
      for (let i = int(4); i > 0; i--) l.push(rand() < 0.7 ? genMap(depth + 1) : genValue(depth + 1));
      return l;
    }
  }
}

function genMap(depth) {
  const m = {};
  for (let i = int(5); i > 0; i--) m[pick(KEYS)] = genValue(depth);
  return m;
}

function genName() {
  const r = int(10);
  if (r === 0) return '.';
  if (r === 1) return pick(KEYS) + '.' + pick(KEYS);
  return pick(KEYS);
}

const TEXTS = ['x', ' ', '  ', '\n', '\n', '\r\n', 'Hello ', '<p>', ', ', '\t', '!'];

// Templates are built left to right so delimiter changes can be followed.
function genTemplate(depth, delims, partials) {
  let out = '';
  const n = 1 + int(depth ? 4 : 8);
  for (let i = 0; i < n; i++) {
    const [o, c] = delims.cur;
    const pad = () => (rand() < 0.2 ? ' ' : '');
    const r = int(20);
    if (r < 6) {
      out += pick(TEXTS);
    } else if (r < 9) {
      out += o + pad() + genName() + pad() + c;
    } else if (r < 10) {
      if (o === '{{' && c === '}}') out += '{{{' + pad() + genName() + pad() + '}}}';
      else out += o + '&' + pad() + genName() + pad() + c;
    } else if (r < 14 && depth < 3) {
      const name = genName();
      const type = rand() < 0.7 ? '#' : '^';
      const nl = () => (rand() < 0.5 ? '\n' : '');
      out += (rand() < 0.3 ? '  ' : '') + o + type + name + c + nl();
      out += genTemplate(depth + 1, delims, partials);
      const [o2, c2] = delims.cur;
      out += (rand() < 0.3 ? '  ' : '') + o2 + '/' + name + c2 + nl();
    } else if (r < 15) {
      out += o + '! comment' + (rand() < 0.3 ? '\nmore' : '') + ' ' + c + (rand() < 0.5 ? '\n' : '');
    } else if (r < 17 && partials) {
      out += (rand() < 0.4 ? '  ' : '') + o + '>' + pad() + pick(['p1', 'p2', 'missing']) + pad() + c +
        (rand() < 0.6 ? '\n' : '');
    } else if (r < 18) {
      const next = pick([['{{', '}}'], ['<%', '%>'], ['[[', ']]'], ['|', '|']]);
      out += o + '=' + next[0] + ' ' + next[1] + '=' + c + (rand() < 0.5 ? '\n' : '');
      delims.cur = next;
    } else {
      out += pick(TEXTS) + pick(TEXTS);
    }
  }
  return out;
}

// --- instrumentation: notice the documented differences -----------------

let reasons;
const note = (r) => reasons.add(r);

function specLookup(ctx, name) {
  if (name === '.') return ctx.view;
  const parts = name.split('.');
  let c = ctx;
  let v;
  for (; c; c = c.parent) {
    const view = c.view;
    if (view !== null && typeof view === 'object' && parts[0] in view) {
      v = view[parts[0]];
      break;
    }
  }
  if (!c) return undefined;
  for (let i = 1; i < parts.length; i++) {
    if (v === null || typeof v !== 'object' || !(parts[i] in v)) return undefined;
    v = v[parts[i]];
  }
  return v;
}

const origLookup = Mustache.Context.prototype.lookup;
Mustache.Context.prototype.lookup = function (name) {
  const v = origLookup.call(this, name);
  const s = specLookup(this, name);
  if (v !== s) note('dotted-name-fallback');
  return v;
};

function interpolationCheck(token, context) {
  const v = context.lookup(token[1]);
  if (v !== null && typeof v === 'object') note('container-interpolation');
}
const origEscaped = Mustache.Writer.prototype.escapedValue;
Mustache.Writer.prototype.escapedValue = function (token, context, config) {
  interpolationCheck(token, context);
  return origEscaped.call(this, token, context, config);
};
const origUnescaped = Mustache.Writer.prototype.unescapedValue;
Mustache.Writer.prototype.unescapedValue = function (token, context) {
  interpolationCheck(token, context);
  return origUnescaped.call(this, token, context);
};

// mustache.js indents a partial whose tag starts its line even when the
// line is not standalone; the specification (and clerk) only indent
// standalone partials. On a standalone line the whitespace before the tag
// was deleted, so the text token before it ends the previous line.
const origRenderTokens = Mustache.Writer.prototype.renderTokens;
Mustache.Writer.prototype.renderTokens = function (tokens, context, partials, original, config) {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t[0] !== '>' || t[5] !== 0 || !t[4]) continue;
    const prev = tokens[i - 1];
    const standalone = !prev || prev[0] !== 'text' || /\n$/.test(prev[1]);
    if (!standalone && partials && partials[t[1]]) note('inline-partial-indentation');
  }
  return origRenderTokens.call(this, tokens, context, partials, original, config);
};

// --- generate --------------------------------------------------------------

const cases = [];
const count = Number(countArg);
for (let k = 0; k < count; k++) {
  const partials = {};
  const withPartials = rand() < 0.4;
  if (withPartials) {
    partials.p1 = genTemplate(1, { cur: ['{{', '}}'] }, false);
    if (rand() < 0.5) partials.p2 = genTemplate(1, { cur: ['{{', '}}'] }, false);
  }
  const template = genTemplate(0, { cur: ['{{', '}}'] }, withPartials);
  const data = genMap(0);
  reasons = new Set();
  let expected;
  try {
    Mustache.templateCache.clear();
    expected = Mustache.render(template, data, partials);
  } catch (e) {
    reasons.add('mustache.js-throws'); // a lookup inside a null list item
    expected = '';
  }
  cases.push({
    name: `seed ${seedArg} case ${k}`,
    template,
    partials,
    data,
    expected,
    documented: [...reasons].sort().join(', '),
  });
}
fs.writeFileSync(outArg, JSON.stringify(cases, null, 1) + '\n');
