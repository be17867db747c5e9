// Filters the index without a server (works from file:// too): text, status, tag, in force.
(function () {
  var q = document.getElementById('q'), st = document.getElementById('status'),
      tag = document.getElementById('tag'), force = document.getElementById('in-force'),
      rows = document.querySelectorAll('#adrs tbody tr'), none = document.getElementById('none');
  function apply() {
    var text = (q.value || '').toLowerCase(), s = st.value, t = tag ? tag.value : '', f = force.checked, shown = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.dataset.text.toLowerCase().indexOf(text) >= 0) &&
               (!s || r.dataset.status === s) &&
               (!t || (' ' + r.dataset.tags + ' ').indexOf(' ' + t + ' ') >= 0) &&
               (!f || r.dataset.inForce === 'yes');
      r.hidden = !ok; if (ok) shown++;
    });
    none.hidden = shown > 0;
  }
  [q, st, tag, force].forEach(function (el) { if (el) { el.addEventListener('input', apply); el.addEventListener('change', apply); } });
})();
