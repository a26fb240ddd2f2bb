/**
 * The part of both report pages' scripts that wires the filter chips, the
 * search box and the "/" and Esc keys to the page's own `update()`. Expects
 * `chips`, `q`, `kind` and `update` in the enclosing script's scope.
 */
export const WIRE_FILTERS = `  chips.forEach(function (c) {
    c.addEventListener('click', function () {
      kind = c.getAttribute('data-filter');
      chips.forEach(function (x) { x.setAttribute('aria-pressed', String(x === c)); });
      update();
    });
  });
  q.addEventListener('input', update);
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== q) { e.preventDefault(); q.focus(); }
    else if (e.key === 'Escape' && document.activeElement === q) { q.value = ''; update(); }
  });
  update();`;
