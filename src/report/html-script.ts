/**
 * The HTML report's only script, inlined and allowed by hash in the page's
 * Content-Security-Policy: kind filter chips and a live search over the
 * operations and rejected rows ("/" focuses the search, Escape clears it).
 * It reads text from the DOM and never writes markup.
 */
import { WIRE_FILTERS } from './html-filter-wiring.js';

export const REPORT_JS = `(function () {
  var ops = Array.prototype.slice.call(document.querySelectorAll('tr.op'));
  var rejects = Array.prototype.slice.call(document.querySelectorAll('tr.rej'));
  var texts = new Map();
  ops.concat(rejects).forEach(function (r) { texts.set(r, r.textContent.toLowerCase()); });
  var q = document.getElementById('q');
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  var rejectsEmpty = document.getElementById('rejects-empty');
  var chips = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var kind = 'all';
  function matches(r, terms) {
    var t = texts.get(r);
    return terms.every(function (term) { return t.indexOf(term) >= 0; });
  }
  function update() {
    var terms = q.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0, m = 0;
    ops.forEach(function (r) {
      var ok = (kind === 'all' || r.getAttribute('data-kind') === kind) && matches(r, terms);
      r.hidden = !ok;
      if (ok) n++;
    });
    rejects.forEach(function (r) {
      var ok = matches(r, terms);
      r.hidden = !ok;
      if (ok) m++;
    });
    shown.textContent = n + ' of ' + ops.length + ' operations';
    empty.hidden = n > 0;
    if (rejectsEmpty) rejectsEmpty.hidden = m > 0 || rejects.length === 0;
  }
${WIRE_FILTERS}
})();`;
