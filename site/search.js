// Search and filters of the index page. Works without a server (from file:// too): the
// full-text index is a script (assets/search-index.js) loaded on first use.
(function () {
  'use strict';
  function $(id) { return document.getElementById(id); }
  var q = $('q'), st = $('status'), tag = $('tag'), repo = $('repository'), force = $('in-force'), sort = $('sort'),
      info = $('search-info'), none = $('none'), tbody = document.querySelector('#adrs tbody');
  if (!q || !tbody) return;
  var rows = Array.prototype.slice.call(tbody.rows);
  var docs = null, loading = false, WORD = /[\p{L}\p{N}]+/gu;

  function terms(text) { return (text.toLowerCase().match(WORD) || []); }
  function escRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }
  // A term matches at the start of a word.
  function termRe(ts, flags) {
    return new RegExp('(^|[^\\p{L}\\p{N}])(' + ts.map(escRe).join('|') + ')', flags);
  }

  function load() {
    if (docs || loading) return;
    if (window.ADRGOV_SEARCH) { ready(); return; }
    loading = true;
    var s = document.createElement('script');
    s.src = q.dataset.index;
    s.onload = function () { loading = false; ready(); apply(); };
    s.onerror = function () {
      loading = false; docs = {};
      info.textContent = 'The full-text index could not be loaded: searching titles, tags and people only.';
      apply();
    };
    document.head.appendChild(s);
  }
  function ready() {
    docs = {};
    (window.ADRGOV_SEARCH || []).forEach(function (d) {
      d.fields = [d.i + ' ' + d.t, d.g.join(' ') + ' ' + d.p.join(' ') + ' ' + d.s, d.b]
        .map(function (f) { return f.toLowerCase(); });
      docs[d.i] = d;
    });
  }

  // Score of a row for the query terms (0: no match). Every term must match somewhere.
  function score(row, ts) {
    var d = docs && docs[row.dataset.id];
    if (!d) {
      var hay = row.dataset.text.toLowerCase(), ok = ts.every(function (t) { return termRe([t], 'u').test(hay); });
      return ok ? 1 : 0;
    }
    var total = 0;
    for (var k = 0; k < ts.length; k++) {
      var re = termRe([ts[k]], 'gu'), s = 0;
      if (re.test(d.fields[0])) s += 20;
      re.lastIndex = 0;
      if (re.test(d.fields[1])) s += 8;
      re.lastIndex = 0;
      var hits = (d.fields[2].match(re) || []).length;
      s += Math.min(hits, 10);
      if (!s) return 0;
      total += s;
    }
    return total;
  }

  // Puts `text` into `el` with every match of `re` wrapped in <mark> (text nodes only: no HTML).
  function highlight(el, text, re) {
    el.textContent = '';
    var last = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      var start = m.index + m[1].length;
      if (m[0].length === 0) { re.lastIndex++; continue; }
      el.appendChild(document.createTextNode(text.slice(last, start)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(start, start + m[2].length);
      el.appendChild(mark);
      last = start + m[2].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function snippet(body, re) {
    re.lastIndex = 0;
    var m = re.exec(body);
    if (!m) return '';
    var at = m.index + m[1].length, from = Math.max(0, at - 70), to = Math.min(body.length, at + 130);
    if (from > 0) { var sp = body.indexOf(' ', from); if (sp > 0 && sp < at) from = sp + 1; }
    if (to < body.length) { var sp2 = body.lastIndexOf(' ', to); if (sp2 > at) to = sp2; }
    return (from > 0 ? '… ' : '') + body.slice(from, to) + (to < body.length ? ' …' : '');
  }

  function matchesFacets(r, skip) {
    return (skip === 'status' || !st.value || r.dataset.status === st.value) &&
           (skip === 'repository' || !repo || !repo.value || r.dataset.repository === repo.value) &&
           (skip === 'tag' || !tag || !tag.value || r.dataset.tags.split('\n').indexOf(tag.value) >= 0) &&
           (!force.checked || r.dataset.inForce === 'yes');
  }

  function facetCounts(sel, key, matched) {
    if (!sel) return;
    var counts = {};
    matched.forEach(function (r) {
      if (!matchesFacets(r, key)) return;
      var vals = key === 'status' ? [r.dataset.status] :
        key === 'repository' ? [r.dataset.repository] : r.dataset.tags.split('\n');
      vals.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    });
    Array.prototype.forEach.call(sel.options, function (o) {
      if (!o.value) return;
      o.textContent = o.value + ' (' + (counts[o.value] || 0) + ')';
    });
  }

  function apply() {
    var ts = terms(q.value || '');
    if (ts.length && !docs) load();
    var all = termRe(ts.length ? ts : ['\u0000'], 'giu'), textMatched = [], shown = 0;
    rows.forEach(function (r) {
      var s = ts.length ? score(r, ts) : 1;
      r.dataset.score = s;
      if (s > 0) textMatched.push(r);
    });
    rows.forEach(function (r) {
      var ok = r.dataset.score > 0 && matchesFacets(r, null);
      r.hidden = !ok;
      var a = r.querySelector('a.t'), p = r.querySelector('.snippet'), d = docs && docs[r.dataset.id];
      var title = a.dataset.title || (a.dataset.title = a.textContent);
      if (ok && ts.length) {
        highlight(a, title, all);
        var sn = d ? snippet(d.b, all) : '';
        if (sn) { highlight(p, sn, all); p.hidden = false; } else { p.hidden = true; }
      } else {
        if (a.textContent !== title || a.children.length) a.textContent = title;
        p.hidden = true;
      }
      if (ok) shown++;
    });
    facetCounts(st, 'status', textMatched);
    facetCounts(tag, 'tag', textMatched);
    facetCounts(repo, 'repository', textMatched);
    order(ts.length > 0);
    none.hidden = shown > 0;
    if (ts.length && (docs || !loading)) {
      info.textContent = shown + ' of ' + rows.length + ' decisions match “' + q.value.trim() + '”.';
    } else if (!ts.length && info.textContent.indexOf('could not') < 0) {
      info.textContent = '';
    }
  }

  function order(byScore) {
    var key = sort.value, sorted = rows.slice().sort(function (x, y) {
      if (byScore && y.dataset.score !== x.dataset.score) return y.dataset.score - x.dataset.score;
      if (key === 'date' && x.dataset.when !== y.dataset.when) return x.dataset.when < y.dataset.when ? 1 : -1;
      return x.dataset.pos - y.dataset.pos;
    });
    sorted.forEach(function (r) { tbody.appendChild(r); });
  }

  q.form.addEventListener('submit', function (e) { e.preventDefault(); });
  q.addEventListener('focus', load);
  q.addEventListener('input', apply);
  [st, tag, repo, force, sort].forEach(function (el) { if (el) el.addEventListener('change', apply); });
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { q.value = initial; load(); }
  apply();
})();
