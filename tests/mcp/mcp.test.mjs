// `adrgov mcp` driven by the official MCP TypeScript SDK's client (and, for what a client
// library never sends, by hand on the raw stdio), on a clone of the govuk-aws corpus.
// Run by tests/testsuite/mcp.rs, which sets ADRGOV_BIN, MCP_CORPUS (a clone only read) and
// MCP_WRITABLE (a clone the --allow-write session writes into).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';

const BIN = process.env.ADRGOV_BIN;
const CORPUS = process.env.MCP_CORPUS;
const WRITABLE = process.env.MCP_WRITABLE;
const DIR = 'docs/architecture/decisions';
const READ_TOOLS = ['search_decisions', 'get_decision', 'decisions_for_paths', 'check'];

// The stdout of the adrgov command line (`check` exits 1 on error-level findings).
function adrgov(cwd, ...args) {
  const r = spawnSync(BIN, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.ok(r.status === 0 || (args[0] === 'check' && r.status === 1), `adrgov ${args.join(' ')}: ${r.status}`);
  return r.stdout;
}

async function connect(cwd, ...flags) {
  const transport = new StdioClientTransport({ command: BIN, args: ['mcp', ...flags], cwd, stderr: 'ignore' });
  const client = new Client({ name: 'adrgov-tests', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

// The JSON a tool answered, from its text content (and the same as its structured content).
async function call(client, name, args) {
  const r = await client.callTool({ name, arguments: args });
  assert.equal(r.isError, false);
  assert.equal(r.content.length, 1);
  assert.equal(r.content[0].type, 'text');
  const value = JSON.parse(r.content[0].text);
  // Structured content is an object: a list (decisions_for_paths) is text only.
  assert.deepEqual(r.structuredContent, Array.isArray(value) ? undefined : value);
  return value;
}

async function rejects(promise, code, text) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof McpError, String(e));
    assert.equal(e.code, code);
    assert.ok(e.message.includes(text), e.message);
    return true;
  });
}

// The site's search (site/search.js: `terms`, `termRe` and `score`, as written there) over the
// site's own index (assets/search-index.js, which `adrgov site build` writes): what
// search_decisions must agree with.
function siteSearch(docs, query) {
  const WORD = /[\p{L}\p{N}]+/gu;
  const terms = (text) => text.toLowerCase().match(WORD) || [];
  const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const termRe = (ts, flags) => new RegExp('(^|[^\\p{L}\\p{N}])(' + ts.map(escRe).join('|') + ')', flags);
  const ts = terms(query);
  const scored = docs.map((d, pos) => {
    const fields = [d.i + ' ' + d.t, d.g.join(' ') + ' ' + d.p.join(' ') + ' ' + d.s, d.b].map((f) => f.toLowerCase());
    let total = 0;
    for (const t of ts) {
      const re = termRe([t], 'gu');
      let s = 0;
      if (re.test(fields[0])) s += 20;
      re.lastIndex = 0;
      if (re.test(fields[1])) s += 8;
      re.lastIndex = 0;
      s += Math.min((fields[2].match(re) || []).length, 10);
      if (!s) { total = 0; break; }
      total += s;
    }
    return { id: d.i, score: total, pos };
  });
  return scored.filter((x) => x.score > 0).sort((x, y) => y.score - x.score || x.pos - y.pos)
    .map((x) => [x.id, x.score]);
}

test('initialize, then the read-only tools and every ADR as a resource', async () => {
  const client = await connect(CORPUS);
  try {
    assert.deepEqual(client.getServerVersion(), { name: 'adrgov', version: client.getServerVersion().version });
    assert.match(client.getServerVersion().version, /^\d+\.\d+\.\d+/);
    assert.ok(client.getServerCapabilities().tools);
    assert.ok(client.getServerCapabilities().resources);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), READ_TOOLS);
    assert.deepEqual(tools.map((t) => t.annotations.readOnlyHint), [true, true, true, true]);
    assert.deepEqual(tools[0].inputSchema.required, ['query']);
    assert.deepEqual(Object.keys(tools[0].inputSchema.properties).sort(), ['query', 'source', 'status', 'tag']);
    assert.deepEqual(Object.keys(tools[1].inputSchema.properties), ['id']);
    assert.deepEqual(Object.keys(tools[2].inputSchema.properties), ['paths']);
    assert.deepEqual(tools[2].inputSchema.required, ['paths']);
    assert.deepEqual(Object.keys(tools[3].inputSchema.properties), ['changed_since']);

    const { resources } = await client.listResources();
    const listed = JSON.parse(adrgov(CORPUS, 'list', '--format', 'json'));
    assert.equal(resources.length, 38);
    assert.deepEqual(resources.map((r) => r.uri), listed.map((a) => `adr://${a.id}`));
    assert.deepEqual(resources.slice(0, 3).map((r) => [r.uri, r.name, r.title, r.mimeType]), [
      ['adr://0001', '0001', 'Record architecture decisions', 'text/markdown'],
      ['adr://0002', '0002', 'Hosting Platforms', 'text/markdown'],
      ['adr://0003', '0003', 'Networking Outline', 'text/markdown'],
    ]);
    assert.ok(!resources.some((r) => r.uri === 'adr://0034'));
    const read = await client.readResource({ uri: 'adr://0004' });
    assert.equal(read.contents.length, 1);
    assert.equal(read.contents[0].uri, 'adr://0004');
    assert.equal(read.contents[0].mimeType, 'text/markdown');
    assert.equal(read.contents[0].text,
      fs.readFileSync(path.join(CORPUS, DIR, '0004-dns-definitions-for-hosts-and-services.md'), 'utf8'));
    await rejects(client.readResource({ uri: 'adr://0034' }), -32002, 'no ADR has the id `0034`');
    await rejects(client.readResource({ uri: 'file:///etc/passwd' }), -32002, 'their URIs are adr://<id>');
  } finally {
    await client.close();
  }
});

test('search_decisions: ranked hits with snippets, as the site searches, and its filters', async () => {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'adrgov-mcp-site-'));
  adrgov(CORPUS, 'site', 'build', '--out', site);
  const index = fs.readFileSync(path.join(site, 'assets/search-index.js'), 'utf8');
  const docs = JSON.parse(index.replace(/^window\.ADRGOV_SEARCH = /, '').replace(/;\s*$/, ''));
  assert.equal(docs.length, 38);
  const client = await connect(CORPUS);
  try {
    const r = await call(client, 'search_decisions', { query: 'terraform state' });
    assert.equal(r.query, 'terraform state');
    assert.equal(r.total, 2);
    assert.deepEqual(r.hits.map((h) => [h.id, h.score, h.status, h.title, h.path]), [
      ['0017', 23, 'accepted', 'Terraform Data Structure', `${DIR}/0017-terraform-data-structure.md`],
      ['0009', 2, 'pending', 'Environment bootstrapping process', `${DIR}/0009-environment-bootstrapping-process.md`],
    ]);
    assert.equal(r.hits[1].snippet,
      '… will be: Clone all the relevant repositories Build the S3 bucket for Terraform state Provision the new DNS zones for this environment Build the Puppet master Deploy the puppet code and secrets Build …');
    // The site's own ranking over the site's own index, for words in titles, text, people.
    for (const q of ['terraform state', 'dns', 'puppet', 'Dean Wilson', 'monitoring aws', 'docker', 'xyzzy nothing']) {
      const got = await call(client, 'search_decisions', { query: q });
      assert.deepEqual(got.hits.map((h) => [h.id, h.score]), siteSearch(docs, q), q);
    }
    const dns = await call(client, 'search_decisions', { query: 'dns' });
    assert.ok(dns.total >= 3, JSON.stringify(dns.hits.map((h) => h.id)));
    const superseded = await call(client, 'search_decisions', { query: 'dns', status: 'Superseded' });
    assert.deepEqual(superseded.hits.map((h) => [h.id, h.status]),
      dns.hits.filter((h) => h.status === 'superseded').map((h) => [h.id, h.status]));
    assert.deepEqual(superseded.hits.map((h) => h.id), ['0004']);
    const none = await call(client, 'search_decisions', { query: 'dns', tag: 'no-such-tag' });
    assert.deepEqual(none, { query: 'dns', total: 0, hits: [] });
    await rejects(client.callTool({ name: 'search_decisions', arguments: { query: 'dns', source: 'payments' } }),
      -32602, 'payments');
    await rejects(client.callTool({ name: 'search_decisions', arguments: {} }), -32602, 'missing field `query`');
  } finally {
    await client.close();
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('get_decision: Markdown, metadata, relations both ways, the decision in force, history', async () => {
  const client = await connect(CORPUS);
  try {
    const d = await call(client, 'get_decision', { id: '4' });
    const listed = JSON.parse(adrgov(CORPUS, 'list', '--format', 'json')).find((a) => a.id === '0004');
    for (const k of ['id', 'number', 'title', 'status', 'status_text', 'date', 'path', 'format', 'tags',
      'created', 'updated', 'authors']) {
      assert.deepEqual(d[k], listed[k], k);
    }
    assert.equal(d.id, '0004');
    assert.equal(d.title, 'DNS definitions for hosts and services');
    assert.equal(d.status, 'superseded');
    assert.equal(d.in_force, '0015');
    assert.deepEqual(d.in_force_all, ['0015']);
    // 0015 does not write "Supersedes 4" (the corpus' one-sided relation): nothing comes in.
    assert.deepEqual(d.relations, {
      outgoing: [{ kind: 'superseded-by', id: '0015' }],
      incoming: [],
    });
    assert.deepEqual(d.created, { author: 'Laura Martin', commit: '3740af6638a929f2f49acd2fb10ca4a7fdd362bf', date: '2017-07-04' });
    assert.deepEqual(d.events, JSON.parse(adrgov(CORPUS, 'history', '4', '--format', 'json')).events);
    assert.deepEqual(d.events.map((e) => [e.kind, e.date, e.author, e.status]), [
      ['created', '2017-07-04', 'Laura Martin', 'pending'],
      ['edited', '2017-07-10', 'Dean Wilson', 'pending'],
      ['status', '2017-07-14', 'Ana Fernandez', 'superseded'],
      ['renamed', '2020-06-09', 'ChrisBAshton', 'superseded'],
    ]);
    assert.equal(d.markdown,
      fs.readFileSync(path.join(CORPUS, DIR, '0004-dns-definitions-for-hosts-and-services.md'), 'utf8'));

    const inForce = await call(client, 'get_decision', { id: '0015' });
    assert.equal(inForce.in_force, null);
    assert.deepEqual(inForce.in_force_all, []);
    assert.deepEqual(inForce.relations.incoming, [{ kind: 'superseded-by', id: '0004' }]);
    const amends = await call(client, 'get_decision', { id: 17 });
    assert.equal(amends.id, '0017');
    assert.deepEqual(amends.relations.outgoing, [{ kind: 'amends', id: '0010' }]);
    const amended = await call(client, 'get_decision', { id: '0010' });
    assert.deepEqual(amended.relations.incoming, [{ kind: 'amends', id: '0017' }]);
    assert.equal(amended.in_force, null);

    await rejects(client.callTool({ name: 'get_decision', arguments: { id: '999' } }), -32602, 'no ADR numbered 999');
    await rejects(client.callTool({ name: 'get_decision', arguments: { adr: '4' } }), -32602, 'unknown field `adr`');
  } finally {
    await client.close();
  }
});

test('check: the findings of adrgov check --format json, and --changed-since', async () => {
  const client = await connect(CORPUS);
  try {
    const r = await call(client, 'check', {});
    assert.deepEqual(r, JSON.parse(adrgov(CORPUS, 'check', '--format', 'json')));
    assert.equal(r.summary.files, 38);
    assert.equal(r.summary.errors, 1);
    const rules = new Set(r.findings.map((f) => f.rule));
    for (const rule of ['unknown-status', 'file-name', 'one-sided-relation', 'missing-section']) {
      assert.ok(rules.has(rule), rule);
    }
    assert.equal(r.findings.filter((f) => f.rule === 'unknown-status').length, 8);
    const since = await call(client, 'check', { changed_since: 'HEAD' });
    assert.deepEqual(since, { findings: [], summary: { errors: 0, warnings: 0, files: 38 } });
    await rejects(client.callTool({ name: 'check', arguments: { changed_since: 'no-such-rev' } }),
      -32602, '--changed-since: unknown revision `no-such-rev`');
  } finally {
    await client.close();
  }
});

test('an unknown tool and bad arguments are errors, and the session goes on', async () => {
  const client = await connect(CORPUS);
  try {
    await rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), -32602,
      'unknown tool `no_such_tool`; the tools are search_decisions, get_decision, decisions_for_paths, check');
    const d = await call(client, 'get_decision', { id: '1' });
    assert.equal(d.title, 'Record architecture decisions');
    await rejects(client.callTool({ name: 'search_decisions', arguments: { query: 7 } }), -32602, 'invalid type');
    // No decision of the corpus governs code: every path is answered, with none.
    assert.deepEqual(await call(client, 'decisions_for_paths', { paths: ['LICENCE', DIR] }),
      [{ path: 'LICENCE', decisions: [] }, { path: DIR, decisions: [] }]);
    await rejects(client.callTool({ name: 'decisions_for_paths', arguments: { paths: ['../outside'] } }), -32602, 'outside');
    await rejects(client.callTool({ name: 'decisions_for_paths', arguments: {} }), -32602, 'missing field `paths`');
    assert.equal((await client.listTools()).tools.length, 4);
  } finally {
    await client.close();
  }
});

// Raw JSON-RPC lines on the server's stdio: what no client library sends.
test('malformed requests on the raw stdio get JSON-RPC errors, and the server answers the next', async () => {
  const child = spawn(BIN, ['mcp'], { cwd: CORPUS, stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const pending = [];
  lines.on('line', (l) => pending.shift()(JSON.parse(l)));
  const next = () => new Promise((resolve) => pending.push(resolve));
  const send = (line) => child.stdin.write(line + '\n');
  try {
    send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }));
    const init = await next();
    assert.equal(init.id, 1);
    assert.equal(init.result.protocolVersion, '2025-06-18');
    assert.equal(init.result.serverInfo.name, 'adrgov');
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));

    send('{"jsonrpc": "2.0", "id": 2, "method": "tools/list"');
    let r = await next();
    assert.equal(r.id, null);
    assert.equal(r.error.code, -32700);
    assert.match(r.error.message, /^Parse error: not JSON/);

    send('this is not JSON at all');
    r = await next();
    assert.deepEqual([r.id, r.error.code], [null, -32700]);

    send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { arguments: {} } }));
    r = await next();
    assert.deepEqual(r, { jsonrpc: '2.0', id: 3,
      error: { code: -32602, message: 'Invalid params for tools/call: `params.name` (a string) is missing' } });

    send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'get_decision', arguments: { id: [] } } }));
    r = await next();
    assert.equal(r.id, 4);
    assert.equal(r.error.code, -32602);
    assert.match(r.error.message, /^get_decision: bad arguments/);

    send(JSON.stringify([1, 2, 3]));
    r = await next();
    assert.deepEqual([r.id, r.error.code], [null, -32600]);

    send(JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }));
    r = await next();
    assert.equal(r.id, 5);
    assert.deepEqual(r.result.tools.map((t) => t.name), READ_TOOLS);

    send(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'tools/call',
      params: { name: 'get_decision', arguments: { id: '0015' } } }));
    r = await next();
    assert.equal(r.id, 6);
    assert.equal(r.result.structuredContent.title, 'DNS infrastructure');
  } finally {
    child.stdin.end();
    await new Promise((resolve) => child.on('exit', resolve));
  }
  assert.equal(child.exitCode, 0);
});

test('draft_decision is refused without --allow-write and writes nothing', async () => {
  const before = fs.readdirSync(path.join(CORPUS, DIR)).sort();
  const client = await connect(CORPUS);
  try {
    await rejects(client.callTool({ name: 'draft_decision', arguments: {
      title: 'Use Nomad for batch jobs', context: 'c', decision: 'd', consequences: 'q' } }),
    -32600, 'draft_decision writes files and this server is read-only: start it with `adrgov mcp --allow-write` to allow it');
    assert.equal((await call(client, 'search_decisions', { query: 'nomad' })).total, 0);
  } finally {
    await client.close();
  }
  assert.deepEqual(fs.readdirSync(path.join(CORPUS, DIR)).sort(), before);
  assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: CORPUS, encoding: 'utf8' }), '');
});

test('draft_decision with --allow-write creates a proposed ADR that adrgov list shows', async () => {
  const client = await connect(WRITABLE, '--allow-write');
  const today = new Date();
  const date = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, '0'),
    String(today.getDate()).padStart(2, '0')].join('-');
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), [...READ_TOOLS, 'draft_decision']);
    assert.equal(tools[4].annotations.readOnlyHint, false);
    assert.deepEqual(tools[4].inputSchema.required, ['title', 'context', 'decision', 'consequences']);
    const r = await call(client, 'draft_decision', {
      title: 'Use Nomad for batch jobs',
      context: 'We run batch jobs by hand on the Jenkins hosts.',
      decision: 'We will run batch jobs on Nomad.\n\n- one job file per job',
      consequences: 'Another system to run.',
      supersedes: ['9'],
    });
    const file = `${DIR}/0040-use-nomad-for-batch-jobs.md`;
    assert.deepEqual(r, { id: '0040', path: file, status: 'proposed',
      updated: [`${DIR}/0009-environment-bootstrapping-process.md`] });
    assert.equal(fs.readFileSync(path.join(WRITABLE, file), 'utf8'), [
      '# 40. Use Nomad for batch jobs', '', `Date: ${date}`, '', '## Status', '', 'Proposed', '',
      'Supersedes [9. Environment bootstrapping process](0009-environment-bootstrapping-process.md)', '',
      '## Context', '', 'We run batch jobs by hand on the Jenkins hosts.', '',
      '## Decision', '', 'We will run batch jobs on Nomad.', '', '- one job file per job', '',
      '## Consequences', '', 'Another system to run.', ''].join('\n'));
    // The same session sees it at once.
    const d = await call(client, 'get_decision', { id: '0040' });
    assert.equal(d.status, 'proposed');
    assert.deepEqual(d.relations.outgoing, [{ kind: 'supersedes', id: '0009' }]);
    assert.equal((await client.listResources()).resources.length, 39);
    const old = await call(client, 'get_decision', { id: '9' });
    assert.equal(old.status, 'superseded');
    assert.equal(old.in_force, '0040');

    // Numbers go on: the next draft gets 41; a bad reference is an error and writes nothing.
    const second = await call(client, 'draft_decision', {
      title: 'Keep batch logs for 30 days', context: 'c', decision: 'd', consequences: 'q', amends: '40',
      governs: ['LICENCE', `${DIR}/*.md`] });
    assert.deepEqual([second.id, second.path], ['0041', `${DIR}/0041-keep-batch-logs-for-30-days.md`]);
    // What it governs is answered at once: a file, a directory holding governed files, and a
    // path nothing governs.
    const governed = (glob) => ({ id: '0041', title: 'Keep batch logs for 30 days', status: 'proposed',
      glob, in_force: null });
    assert.deepEqual(await call(client, 'decisions_for_paths', { paths: ['LICENCE', 'docs/architecture', 'README.md'] }), [
      { path: 'LICENCE', decisions: [governed('LICENCE')] },
      { path: 'docs/architecture', decisions: [governed(`${DIR}/*.md`)] },
      { path: 'README.md', decisions: [] }]);
    const text = fs.readFileSync(path.join(WRITABLE, second.path), 'utf8');
    assert.ok(text.includes(`## Governs\n\n- \`LICENCE\`\n- \`${DIR}/*.md\`\n`), text);
    await rejects(client.callTool({ name: 'draft_decision', arguments: {
      title: 'Nothing', context: 'c', decision: 'd', consequences: 'q', supersedes: ['999'] } }),
    -32602, 'no ADR numbered 999');
    assert.ok(!fs.existsSync(path.join(WRITABLE, DIR, '0042-nothing.md')));
  } finally {
    await client.close();
  }
  const listed = JSON.parse(adrgov(WRITABLE, 'list', '--format', 'json'));
  assert.equal(listed.length, 40);
  const mine = listed.find((a) => a.id === '0040');
  assert.deepEqual([mine.title, mine.status, mine.path], ['Use Nomad for batch jobs', 'proposed',
    `${DIR}/0040-use-nomad-for-batch-jobs.md`]);
  assert.deepEqual(mine.relations, [{ kind: 'supersedes', target: '0009' }, { kind: 'amended-by', target: '0041' }]);
  assert.equal(listed.find((a) => a.id === '0009').status, 'superseded');
  assert.equal(listed.find((a) => a.id === '0041').status, 'proposed');
});
