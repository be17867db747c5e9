// Light or dark: follows the system unless the reader chose one (remembered in this browser).
(function () {
  'use strict';
  var KEY = 'adrgov-theme', modes = ['auto', 'light', 'dark'], labels = { auto: '◐ auto', light: '☀ light', dark: '☾ dark' };
  function get() { try { return localStorage.getItem(KEY) || 'auto'; } catch (e) { return 'auto'; } }
  function set(m) {
    if (m === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', m);
    var b = document.getElementById('theme');
    if (b) {
      b.textContent = labels[m];
      b.setAttribute('aria-label', 'Colour theme: ' + (m === 'auto' ? 'follows the system' : m));
    }
  }
  var current = get();
  set(current);
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.getElementById('theme');
    set(current);
    if (!b) return;
    b.addEventListener('click', function () {
      current = modes[(modes.indexOf(current) + 1) % modes.length];
      try { localStorage.setItem(KEY, current); } catch (e) { /* storage off: this page only */ }
      set(current);
    });
  });
})();
