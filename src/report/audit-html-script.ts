/**
 * audit.html's only script, inlined and allowed by hash in the page's
 * Content-Security-Policy: a filter (all / customers / contacts / across
 * customers) and a live search over the cluster cards ("/" focuses the
 * search, Escape clears it). It reads text from the DOM and never writes markup.
 */
import { WIRE_FILTERS } from './html-filter-wiring.js';

export const AUDIT_JS = `(function () {
  var cards = Array.prototype.slice.call(document.querySelectorAll('.cluster'));
  var texts = new Map();
  cards.forEach(function (c) { texts.set(c, c.textContent.toLowerCase()); });
  var q = document.getElementById('q');
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  var chips = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var kind = 'all';
  function update() {
    var terms = q.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    cards.forEach(function (c) {
      var t = texts.get(c);
      var ok = (kind === 'all' || c.getAttribute('data-kind') === kind) && terms.every(function (term) { return t.indexOf(term) >= 0; });
      c.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + cards.length + ' shown';
    empty.hidden = n > 0;
  }
${WIRE_FILTERS}
})();`;
