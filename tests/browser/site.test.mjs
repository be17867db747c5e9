// Browser tests of the adrgov site in real headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core). Run by tests/testsuite/browser.rs with:
//   ADRGOV_BIN      the adrgov binary
//   ADRGOV_CORPORA  tests/fixtures/corpora (the vendored git bundles)
//   SCREENSHOTS     where to save screenshots
//   CHROMIUM        the browser (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const BIN = process.env.ADRGOV_BIN;
const CORPORA = process.env.ADRGOV_CORPORA;
const SHOTS = process.env.SCREENSHOTS;
assert.ok(BIN && CORPORA && SHOTS, 'ADRGOV_BIN, ADRGOV_CORPORA and SCREENSHOTS must be set');
mkdirSync(SHOTS, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'adrgov-browser-'));
const timings = {};

let browser;
const servers = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (browser) await browser.close();
  for (const s of servers) s.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  writeFileSync(join(SHOTS, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
});

function clone(name, suffix = '') {
  const dest = join(work, name + suffix);
  execFileSync('git', ['clone', '-q', join(CORPORA, `${name}.bundle`), dest]);
  return dest;
}

// Starts `adrgov site serve --port 0` in `dir`; resolves to its base URL.
function serve(dir) {
  return new Promise((resolve, reject) => {
    const p = spawn(BIN, ['site', 'serve', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    servers.push(p);
    let err = '';
    p.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    p.on('exit', (code) => reject(new Error(`adrgov site serve exited ${code}: ${err}`)));
  });
}

// A page that records console errors, failed requests and requests to any other host.
async function watchedPage(opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!(u.protocol === 'file:' || u.protocol === 'data:' || u.hostname === '127.0.0.1')) {
      problems.push(`request to another host: ${r.url()}`);
    }
  });
  page.on('requestfailed', (r) => {
    // The live-reload stream is cut on every navigation: that is not a failure.
    if (r.url().endsWith('/__adrgov/events')) return;
    problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { page, context, problems };
}

const visibleIds = (page) =>
  page.$$eval('#adrs tbody tr:not([hidden])', (rows) => rows.map((r) => r.dataset.id));

async function searchFor(page, words) {
  const t0 = Date.now();
  await page.fill('#q', words);
  await page.waitForFunction(() => /match/.test(document.getElementById('search-info').textContent));
  return Date.now() - t0;
}

test('govuk-aws served from 127.0.0.1: index, search, filter, graph, in force, screenshots', async () => {
  const dir = clone('govuk-aws');
  const base = await serve(dir);
  const adrs = JSON.parse(await (await fetch(`${base}/adrs.json`)).text());
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await watchedPage({ colorScheme: scheme });
    await page.goto(`${base}/`);
    // The index lists every ADR.
    const ids = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(ids.sort(), adrs.map((a) => a.id).sort());
    await page.screenshot({ path: join(SHOTS, `govuk-index-${scheme}.png`) });

    // Typing "dns" shows 0004 and 0015, with the matching words highlighted.
    timings[`govuk search (${scheme})`] = await searchFor(page, 'dns');
    const hits = await visibleIds(page);
    assert.ok(hits.includes('0004') && hits.includes('0015'), `hits: ${hits}`);
    assert.ok(hits.length < ids.length, 'search narrows the list');
    for (const id of ['0004', '0015']) {
      const marks = await page.$$eval(`#adrs tr[data-id="${id}"] mark`, (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.length > 0 && marks.every((m) => m === 'dns'), `${id} marks: ${marks}`);
    }
    await page.screenshot({ path: join(SHOTS, `govuk-search-${scheme}.png`) });

    // The status filter narrows the list (facet counts follow the search).
    await page.fill('#q', '');
    await page.selectOption('#status', 'superseded');
    const sup = await visibleIds(page);
    const expected = adrs.filter((a) => a.status === 'superseded').map((a) => a.id);
    assert.deepEqual(sup.sort(), expected.sort());
    assert.ok(sup.length > 0 && sup.length < ids.length);
    await page.selectOption('#status', '');

    // Sorting: newest first, then back to numbers.
    await page.selectOption('#sort', 'date');
    const whens = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.when));
    assert.deepEqual(whens, [...whens].sort().reverse());
    await page.selectOption('#sort', 'num');
    const again = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id));
    assert.deepEqual(again, [...again].sort());

    // The 0004 page names 0015 as the decision in force.
    await page.click('#adrs a[href="adr/0004.html"]');
    await page.waitForURL(/\/adr\/0004\.html$/);
    const inForce = await page.textContent('.in-force');
    assert.match(inForce, /In force today:\s*0015 DNS infrastructure/);
    await page.screenshot({ path: join(SHOTS, `govuk-adr-${scheme}.png`), fullPage: true });

    // Clicking a graph node opens that ADR.
    await page.goto(`${base}/graph.html`);
    await page.screenshot({ path: join(SHOTS, `govuk-graph-${scheme}.png`) });
    await page.click('svg.graph a[href="adr/0015.html"]');
    await page.waitForURL(/\/adr\/0015\.html$/);
    assert.equal(await page.textContent('h1'), 'DNS infrastructure');

    await page.goto(`${base}/dashboard.html`);
    await page.screenshot({ path: join(SHOTS, `govuk-dashboard-${scheme}.png`), fullPage: true });
    await page.goto(`${base}/timeline.html`);
    await page.goto(`${base}/tags/index.html`);
    await page.goto(`${base}/feed.xml`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the theme toggle switches and remembers', async () => {
  const dir = clone('log4brains');
  const base = await serve(dir);
  const { page, context, problems } = await watchedPage({ colorScheme: 'light' });
  await page.goto(`${base}/`);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(255, 255, 255)');
  await page.click('#theme'); // auto → light
  await page.click('#theme'); // light → dark
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await bg(), 'rgb(13, 17, 23)');
  await page.goto(`${base}/dashboard.html`);
  assert.equal(await bg(), 'rgb(13, 17, 23)');
  assert.equal((await page.textContent('#theme')).trim(), '☾ dark');
  // Keyboard: the skip link is the first stop, then the site's links.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  assert.deepEqual(problems, []);
  await context.close();
});

test('readable on a phone: no page scrolls sideways', async () => {
  const dir = clone('govuk-aws', '-phone');
  const base = await serve(dir);
  const { page, context, problems } = await watchedPage({ viewport: { width: 390, height: 844 } });
  for (const path of ['index.html', 'adr/0004.html', 'adr/0010.html', 'graph.html', 'timeline.html', 'dashboard.html', 'tags/index.html']) {
    await page.goto(`${base}/${path}`);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide in a ${width}px screen`);
  }
  await page.goto(`${base}/adr/0004.html`);
  await page.screenshot({ path: join(SHOTS, 'govuk-adr-phone.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('madr served from 127.0.0.1: index, search, filter, graph', async () => {
  const dir = clone('madr');
  const base = await serve(dir);
  const adrs = JSON.parse(await (await fetch(`${base}/adrs.json`)).text());
  const { page, context, problems } = await watchedPage();
  await page.goto(`${base}/index.html`);
  const ids = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(ids.sort(), adrs.map((a) => a.id).sort());
  timings['madr search'] = await searchFor(page, 'markdown');
  const hits = await visibleIds(page);
  assert.ok(hits.length > 0 && hits.length < ids.length, `hits: ${hits}`);
  const withMarks = await page.$$eval('#adrs tbody tr:not([hidden])', (rows) => rows.filter((r) => r.querySelector('mark')).length);
  assert.equal(withMarks, hits.length);
  await page.fill('#q', '');
  await page.selectOption('#status', 'none');
  const none = await visibleIds(page);
  assert.deepEqual(none.sort(), adrs.filter((a) => a.status === null).map((a) => a.id).sort());
  assert.ok(none.length < ids.length);
  await page.goto(`${base}/graph.html`);
  await page.click('svg.graph a[href="adr/0013.html"]');
  await page.waitForURL(/\/adr\/0013\.html$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('opened from file://: index, ADR pages, links and search work', async () => {
  for (const name of ['govuk-aws', 'madr']) {
    const dir = clone(name, '-file');
    const out = join(work, `${name}-site`);
    execFileSync(BIN, ['site', 'build', '--out', out], { cwd: dir, stdio: 'ignore' });
    const adrs = JSON.parse(readFileSync(join(out, 'adrs.json'), 'utf8'));
    const { page, context, problems } = await watchedPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    const links = await page.$$eval('#adrs a.t', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, adrs.length);
    // Follow every ADR link and come back by the crumb: each page loads with its title.
    for (const href of links) {
      await page.click(`#adrs a.t[href="${href}"]`);
      await page.waitForURL((u) => u.href.endsWith(href));
      assert.ok((await page.textContent('h1')).length > 0);
      await page.click('.crumbs a');
      await page.waitForURL((u) => u.href.endsWith('/index.html'));
    }
    // Search works from disk too (the index is a script, not a fetch).
    timings[`${name} search (file://)`] = await searchFor(page, name === 'madr' ? 'markdown' : 'dns');
    assert.ok((await visibleIds(page)).length > 0);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

// The decision log's ids, top to bottom, and the one marked as the page's own.
const logIds = (page) =>
  page.$$eval('nav.log .log-items li a .num', (ns) => ns.map((n) => n.textContent));
const currentId = (page) =>
  page.$eval('nav.log [aria-current="page"] .num', (n) => n.textContent);
// Whether `inner` lies wholly inside `outer` (bounding boxes, in CSS pixels).
const inside = (inner, outer) =>
  inner.y >= outer.y - 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5 &&
  inner.x >= outer.x - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5;

test('wide screen: the decision log is a sticky sidebar, the current decision highlighted and in view', async () => {
  const dir = clone('govuk-aws', '-wide');
  const base = await serve(dir);
  const adrs = JSON.parse(await (await fetch(`${base}/adrs.json`)).text());
  const newestFirst = adrs.map((a) => a.id).sort().reverse();
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await watchedPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    await page.goto(`${base}/adr/0010.html`);
    // 0010 is a long decision: more than three screens.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 3 * 800, `0010 is ${height}px tall`);
    // The sidebar shows every decision, newest first, with no menu button to open.
    assert.ok(await page.isVisible('nav.log .log-items'));
    assert.equal(await page.isVisible('nav.log summary'), false);
    assert.deepEqual(await logIds(page), newestFirst);
    assert.equal(await currentId(page), '0010');
    const side = await page.$eval('nav.log', (n) => n.getBoundingClientRect().toJSON());
    const article = await page.$eval('article.adr', (n) => n.getBoundingClientRect().toJSON());
    assert.ok(side.x + side.width <= article.x, 'the sidebar is beside the text');
    // The current decision is highlighted: its own background and a coloured edge.
    const style = (sel) => page.$eval(sel, (n) => {
      const s = getComputedStyle(n);
      return [s.backgroundColor, s.borderLeftColor, s.fontWeight];
    });
    const [bg, edge, weight] = await style('nav.log [aria-current="page"]');
    const [otherBg, otherEdge] = await style('nav.log a[href$="/0011.html"]');
    assert.notEqual(bg, otherBg);
    assert.notEqual(edge, otherEdge);
    assert.equal(weight, '600');
    // It stays in view, inside the sidebar, while the text scrolls to its end.
    for (const y of [0, 1200, height]) {
      await page.evaluate((to) => window.scrollTo(0, to), y);
      await page.waitForFunction((to) => Math.abs(window.scrollY - Math.min(to, document.documentElement.scrollHeight - innerHeight)) < 2, y);
      const cur = await page.$eval('nav.log [aria-current="page"]', (n) => n.getBoundingClientRect().toJSON());
      const list = await page.$eval('nav.log .log-items', (n) => n.getBoundingClientRect().toJSON());
      assert.ok(inside(cur, { x: 0, y: 0, width: 1280, height: 800 }), `at ${y}: ${JSON.stringify(cur)}`);
      assert.ok(inside(cur, list), `at ${y}: ${JSON.stringify(cur)} outside ${JSON.stringify(list)}`);
    }
    assert.ok(await page.evaluate(() => window.scrollY > 1500), 'the page itself scrolled');
    // The sidebar scrolls on its own (38 decisions are taller than the screen).
    const scrolls = await page.$eval('nav.log .log-items', (n) => n.scrollHeight > n.clientHeight);
    assert.ok(scrolls);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `govuk-adr-wide-${scheme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Without JavaScript the sidebar is shown all the same.
  const { page, context, problems } = await watchedPage({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  await page.goto(`${base}/adr/0010.html`);
  assert.ok(await page.isVisible('nav.log [aria-current="page"]'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone: the decision log is a menu, closed until opened, and a tap navigates', async () => {
  const dir = clone('govuk-aws', '-menu');
  const base = await serve(dir);
  const adrs = JSON.parse(await (await fetch(`${base}/adrs.json`)).text());
  for (const js of [true, false]) {
    const { page, context, problems } = await watchedPage({
      viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, javaScriptEnabled: js,
    });
    await page.goto(`${base}/adr/0010.html`);
    // A "Decisions" menu button, and no list until it is opened.
    assert.ok(await page.isVisible('nav.log summary'));
    assert.equal((await page.textContent('nav.log summary')).replace(/\s+/g, ' ').trim(), 'Decisions 38');
    assert.equal(await page.isVisible('nav.log .log-items'), false);
    assert.equal(await page.isVisible('nav.log a[href$="/0011.html"]'), false);
    await page.tap('nav.log summary');
    assert.ok(await page.isVisible('nav.log .log-items'));
    assert.deepEqual(await logIds(page), adrs.map((a) => a.id).sort().reverse());
    assert.equal(await currentId(page), '0010');
    if (js) {
      // Opened, the list shows the page's own decision.
      const cur = await page.$eval('nav.log [aria-current="page"]', (n) => n.getBoundingClientRect().toJSON());
      const list = await page.$eval('nav.log .log-items', (n) => n.getBoundingClientRect().toJSON());
      assert.ok(inside(cur, list), `${JSON.stringify(cur)} outside ${JSON.stringify(list)}`);
      await page.screenshot({ path: join(SHOTS, 'govuk-adr-phone-menu.png') });
    }
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= width, `${scroll}px wide in a ${width}px screen`);
    await page.tap('nav.log a[href$="/0016.html"]');
    await page.waitForURL(/\/adr\/0016\.html$/);
    assert.equal(await page.textContent('h1'), 'internal DNS zones');
    // The next page starts with the menu closed again.
    assert.equal(await page.isVisible('nav.log .log-items'), false);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('newer and older links walk the log, by mouse and by keyboard', async () => {
  const dir = clone('govuk-aws', '-pager');
  const base = await serve(dir);
  const { page, context, problems } = await watchedPage();
  await page.goto(`${base}/adr/0035.html`);
  // 0034 does not exist: older than 0035 is 0033.
  await page.click('a[rel="next"]');
  await page.waitForURL(/\/adr\/0033\.html$/);
  await page.click('a[rel="prev"]');
  await page.waitForURL(/\/adr\/0035\.html$/);
  await page.click('a[rel="prev"]');
  await page.waitForURL(/\/adr\/0036\.html$/);
  await page.focus('a[rel="next"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/adr\/0035\.html$/);
  // The newest has no newer decision, the oldest no older one.
  await page.goto(`${base}/adr/0039.html`);
  assert.equal(await page.$('a[rel="prev"]'), null);
  assert.ok(await page.$('a[rel="next"][href$="adr/0038.html"]'));
  await page.goto(`${base}/adr/0001.html`);
  assert.equal(await page.$('a[rel="next"]'), null);
  assert.ok(await page.$('a[rel="prev"][href$="adr/0002.html"]'));
  // The skip link jumps over the log to the decision's text.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('nav.log') === null);
  assert.ok(focused, 'after the skip link, focus is past the decision log');
  assert.deepEqual(problems, []);
  await context.close();
});

// A central site of two local repositories (govuk-aws and madr), served by `site serve`.
async function centralSite(suffix) {
  const govuk = clone('govuk-aws', `-central${suffix}`);
  const madr = clone('madr', `-central${suffix}`);
  const dir = join(work, `central${suffix}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'adrgov.toml'),
    `[site]\ntitle = "All decisions"\n\n[[site.repositories]]\npath = "${govuk}"\nname = "govuk"\n\n` +
    `[[site.repositories]]\npath = "${madr}"\nname = "madr"\n`);
  const base = await serve(dir);
  const adrs = JSON.parse(await (await fetch(`${base}/adrs.json`)).text());
  const of = (repo) => adrs.filter((a) => a.repository === repo).map((a) => a.id);
  return { base, adrs, of };
}

// Picks `value` in the repository facet and checks the rows shown are exactly `want`, in the
// index's order, and that every other row is hidden.
async function pickRepository(page, value, want, all) {
  await page.selectOption('#repository', value);
  const shown = await visibleIds(page);
  assert.deepEqual(shown, want);
  const hidden = await page.$$eval('#adrs tbody tr[hidden]', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(hidden.sort(), all.filter((id) => !want.includes(id)).sort());
}

test('central site: the repository facet shows and hides exactly its rows; each repository has its page', async () => {
  const { base, adrs, of } = await centralSite('');
  assert.equal(of('madr').length, 19);
  assert.equal(of('govuk').length, 38);
  const { page, context, problems } = await watchedPage();
  await page.goto(`${base}/index.html`);
  const all = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual([...all].sort(), adrs.map((a) => a.id).sort());
  const options = await page.$$eval('#repository option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(options, ['any', 'govuk (38)', 'madr (19)']);
  const indexOrder = (repo) => all.filter((id) => of(repo).includes(id));
  await pickRepository(page, 'madr', indexOrder('madr'), all);
  assert.ok((await visibleIds(page)).includes('madr/0013'));
  await pickRepository(page, 'govuk', indexOrder('govuk'), all);
  assert.ok((await visibleIds(page)).includes('govuk/0015'));
  // With a status too: govuk's superseded decisions only; madr's count follows.
  await page.selectOption('#status', 'superseded');
  const sup = adrs.filter((a) => a.repository === 'govuk' && a.status === 'superseded').map((a) => a.id);
  assert.deepEqual((await visibleIds(page)).sort(), sup.sort());
  assert.ok(sup.length > 0);
  await page.selectOption('#status', '');
  await pickRepository(page, '', all, all);
  // The repository's own page, by its link: its rows only, its own filters.
  await page.click('nav.scopes a[href="decisions/madr.html"]');
  await page.waitForURL(/\/decisions\/madr\.html$/);
  assert.equal(await page.textContent('h1'), 'Decisions of madr');
  assert.deepEqual(await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id)), indexOrder('madr'));
  assert.equal(await page.$('#repository'), null);
  await page.click('#adrs a[href="../adr/madr_0013.html"]');
  await page.waitForURL(/\/adr\/madr_0013\.html$/);
  await page.click('.crumbs a[href="../decisions/madr.html"]');
  await page.waitForURL(/\/decisions\/madr\.html$/);
  await page.goto(`${base}/graph/madr.html`);
  await page.click('svg.graph a[href="../adr/madr_0013.html"]');
  await page.waitForURL(/\/adr\/madr_0013\.html$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('central site on a 375px phone: the facet filters, nothing scrolls sideways', async () => {
  const { base, of } = await centralSite('-phone');
  const { page, context, problems } = await watchedPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(`${base}/index.html`);
  const all = await page.$$eval('#adrs tbody tr', (rows) => rows.map((r) => r.dataset.id));
  const facet = await page.$('#repository');
  const box = await facet.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `facet at ${JSON.stringify(box)}`);
  await pickRepository(page, 'madr', all.filter((id) => of('madr').includes(id)), all);
  await page.screenshot({ path: join(SHOTS, 'central-phone-facet.png') });
  await pickRepository(page, 'govuk', all.filter((id) => of('govuk').includes(id)), all);
  for (const path of ['index.html', 'decisions/madr.html', 'graph/govuk.html', 'dashboard/madr.html', 'adr/madr_0013.html']) {
    await page.goto(`${base}/${path}`);
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide in a ${width}px screen`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// A repository whose decisions govern code, in both dialects (MADR front matter, Nygard
// `## Governs`), built with `adrgov site build`; returns the site's directory.
function governedSite() {
  const dir = join(work, 'governed');
  const files = {
    'doc/adr/0001-use-mysql-for-orders.md': '# 1. Use MySQL for orders\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [2. Use PostgreSQL for orders](0002-use-postgresql-for-orders.md)\n\n## Governs\n\n- `services/orders/**`\n\n## Context\n\nOrders need a database.\n',
    'doc/adr/0002-use-postgresql-for-orders.md': '---\nstatus: accepted\ndate: 2024-02-01\nsupersedes: [ADR-0001]\ngoverns: ["services/orders/db/**", "services/billing/legacy/**"]\n---\n# Use PostgreSQL for orders\n\nJSON indexes.\n',
    'doc/adr/0003-write-services-in-go.md': '# 3. Write services in Go\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Governs\n\n- `**/*.go`\n\n## Context\n\nOne language.\n',
    'services/orders/db/schema.sql': 'create table orders;\n',
    'services/orders/api/handlers/an-order-handler-with-a-rather-long-file-name-for-a-phone.go': 'package handlers\n',
    'README.md': '# Shop\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.org', GIT_COMMITTER_NAME: 'Ann', GIT_COMMITTER_EMAIL: 'ann@example.org' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env });
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', 'Decisions and code'], { cwd: dir, env });
  const out = join(work, 'governed-site');
  execFileSync(BIN, ['site', 'build', '--out', out], { cwd: dir, stdio: 'ignore' });
  return out;
}

test('code map: expand a directory, its decisions link to their pages; fits a phone', async () => {
  const out = governedSite();
  const url = pathToFileURL(join(out, 'codemap.html')).href;
  // The decisions listed right under a path of the map (not those of its sub-directories).
  const decisionsAt = (page, label) => page.$$eval('.codemap li', (lis, label) => {
    const li = lis.find((l) => l.querySelector(':scope > code, :scope > details > summary > code')?.textContent === label);
    if (!li) return null;
    const list = li.querySelector(':scope > ul.decisions, :scope > details > ul.decisions');
    return list ? [...list.querySelectorAll(':scope > li > a:first-of-type')].map((a) => [a.textContent, a.getAttribute('href'), a.checkVisibility()]) : [];
  }, label);
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await watchedPage({ colorScheme: scheme });
    await page.goto(url);
    assert.equal(await page.textContent('h1'), 'Code map');
    // The nav leads here from every page.
    assert.ok(await page.isVisible('nav.links a[href="codemap.html"]'));
    // The top level is open: services/orders/ (joined: it holds nothing else) shows the
    // superseded 0001, the decision in force (0002) named in its place.
    assert.deepEqual(await decisionsAt(page, 'services/orders/'), [['0001 Use MySQL for orders', 'adr/0001.html', true]]);
    assert.match(await page.textContent('.codemap li.dir:has(> details > summary > code) ul.decisions li'), /superseded in force: 0002 Use PostgreSQL for orders/);
    // db/ is governed wholly by 0002; api/handlers/ is closed, its Go file hidden until opened.
    assert.deepEqual(await decisionsAt(page, 'db/'), [['0002 Use PostgreSQL for orders', 'adr/0002.html', true]]);
    const file = 'an-order-handler-with-a-rather-long-file-name-for-a-phone.go';
    assert.deepEqual(await decisionsAt(page, file), [['0003 Write services in Go', 'adr/0003.html', false]]);
    await page.click('.codemap summary:has(code:text-is("api/handlers/"))');
    assert.deepEqual(await decisionsAt(page, file), [['0003 Write services in Go', 'adr/0003.html', true]]);
    // The drifted glob: 0002's legacy billing matches no file.
    assert.equal((await page.textContent('.drifted ul li')).replace(/\s+/g, ' ').trim(),
      '0002 Use PostgreSQL for orders accepted services/billing/legacy/** — matches no tracked file');
    await page.screenshot({ path: join(SHOTS, `codemap-${scheme}.png`), fullPage: true });
    // A click on a decision opens its page, which lists what it governs.
    await page.click(`.codemap li.file:has(> code:text-is("${file}")) a[href="adr/0003.html"]`);
    await page.waitForURL(/\/adr\/0003\.html$/);
    assert.equal(await page.textContent('h1'), 'Write services in Go');
    assert.match(await page.textContent('ul.governs'), /\*\*\/\*\.go — 1 file: services\/orders\/api\/handlers\/an-order-handler/);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // On a phone, with every directory open, nothing scrolls sideways (nor the ADR page's
  // Governs block).
  const { page, context, problems } = await watchedPage({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  for (const path of ['codemap.html', 'adr/0002.html', 'adr/0003.html']) {
    await page.goto(pathToFileURL(join(out, path)).href);
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= width, `${path}: ${scroll}px wide in a ${width}px screen`);
  }
  await page.goto(url);
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  await page.screenshot({ path: join(SHOTS, 'codemap-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
