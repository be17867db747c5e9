// The decision log beside an ADR page: open on wide screens (a menu on phones, closed until
// asked for), with the page's own decision scrolled into the middle of the list. Without this
// script the log is still a working `<details>` menu.
(function () {
  'use strict';
  var wide = window.matchMedia('(min-width: 64rem)');
  var menu = document.querySelector('details.log-menu');
  if (!menu) return;
  var items = menu.querySelector('.log-items');
  var current = menu.querySelector('[aria-current="page"]');
  function centre() {
    if (!items || !current) return;
    var offset = current.getBoundingClientRect().top - items.getBoundingClientRect().top;
    items.scrollTop += offset - (items.clientHeight - current.offsetHeight) / 2;
  }
  function place() {
    menu.open = wide.matches;
    centre();
  }
  menu.addEventListener('toggle', function () { if (menu.open) centre(); });
  if (wide.addEventListener) wide.addEventListener('change', place);
  place();
})();
