#!/usr/bin/env node
/**
 * What a phone downloads before the first screen shows: the entry script and stylesheet from
 * dist/index.html, every chunk it modulepreloads, and — followed through Vite's manifest — the
 * chunks of the first route's page (待审核 for a signed-in user, 登录 otherwise). Gzips each with
 * node:zlib, prints the figures and exits 1 when a first route's JavaScript exceeds the budget.
 *
 * Usage: node scripts/bundleSize.mjs [--budget-kb 200]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const BASE = '/app/';
const budgetArg = process.argv.indexOf('--budget-kb');
const BUDGET_KB = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 200;
/** First screens: the pending list after login, and the login page itself. */
const FIRST_ROUTES = [
  { name: '待审核 (signed in)', page: 'src/pages/pending/PendingPage.vue' },
  { name: '登录 (signed out)', page: 'src/pages/login/LoginPage.vue' },
];

function fail(message) {
  console.error(`bundleSize: ${message}`);
  process.exit(1);
}

const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) fail('dist/index.html not found — run vite build first');
const html = readFileSync(indexPath, 'utf8');

/** `/app/assets/x.js` → `assets/x.js` */
function distRelative(href) {
  const path = href.startsWith(BASE) ? href.slice(BASE.length) : href.replace(/^\.?\//, '');
  return path.split(/[?#]/)[0];
}

const attr = (tag, name) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1] ?? null;
const fromHtml = new Set();
for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
  if (tag.startsWith('<script') && attr(tag, 'type') === 'module' && attr(tag, 'src')) fromHtml.add(distRelative(attr(tag, 'src')));
  if (tag.startsWith('<link')) {
    const rel = attr(tag, 'rel');
    const href = attr(tag, 'href');
    if (href && (rel === 'stylesheet' || rel === 'modulepreload')) fromHtml.add(distRelative(href));
  }
}
if (![...fromHtml].some((f) => f.endsWith('.js'))) fail('no module entry script found in dist/index.html');

const manifestPath = join(dist, '.vite', 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
if (!manifest) console.warn('bundleSize: dist/.vite/manifest.json missing (build.manifest off?) — counting index.html only');

/** A manifest chunk and everything it imports statically, with their CSS. */
function closure(key, files, seen = new Set()) {
  if (!manifest || seen.has(key)) return files;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files, seen);
  return files;
}

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const path = join(dist, file);
    if (!existsSync(path)) fail(`${file} is referenced but missing from dist`);
    const bytes = readFileSync(path);
    sizeCache.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return sizeCache.get(file);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let overBudget = false;

for (const route of FIRST_ROUTES) {
  const files = new Set(fromHtml);
  if (manifest) {
    const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
    if (entryKey) closure(entryKey, files);
    if (!manifest[route.page]) fail(`${route.page} not in the manifest (route renamed?)`);
    closure(route.page, files);
  }
  const rows = [...files].map((file) => ({ file, ...sizes(file) })).sort((a, b) => b.gzip - a.gzip);
  const jsGzip = rows.filter((r) => r.file.endsWith('.js')).reduce((sum, r) => sum + r.gzip, 0);
  const cssGzip = rows.filter((r) => r.file.endsWith('.css')).reduce((sum, r) => sum + r.gzip, 0);

  console.log(`\nFirst route — ${route.name}`);
  for (const r of rows) console.log(`  ${r.file.padEnd(64)} ${kb(r.raw).padStart(10)} ${kb(r.gzip).padStart(10)} gz`);
  console.log(`  JavaScript: ${kb(jsGzip)} gzipped (budget ${BUDGET_KB} KB) · CSS: ${kb(cssGzip)} gzipped`);
  if (jsGzip > BUDGET_KB * 1024) {
    overBudget = true;
    console.error(`  ✗ over budget by ${kb(jsGzip - BUDGET_KB * 1024)}`);
  }
}

if (overBudget) process.exit(1);
console.log(`\n✓ first-route JavaScript within ${BUDGET_KB} KB gzipped`);
