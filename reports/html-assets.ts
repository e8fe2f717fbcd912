// The inline style and script of comparison.html (no network, no CDN). The script
// filters the matrix by category and design and shows a cell's trace on a click; it
// reads the traces from the page's own JSON block.

export const HTML_STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 80rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .2rem .5rem; text-align: left; }
td.num { text-align: right; } td.num.hit { color: #a40e26; font-weight: 700; }
.prov { color: #59636e; font-size: .9rem; }
.legend span { padding: 0 .3rem; margin-right: .2rem; border-radius: 3px; white-space: nowrap; }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: .5rem 0; }
#filters label { white-space: nowrap; }
td.cell { cursor: pointer; white-space: nowrap; }
td.cell:hover, td.cell:focus { outline: 2px solid #0969da; }
td.cell.selected { outline: 3px solid #0969da; }
.tone-safe { background: #dafbe1; color: #116329; }
.tone-cost { background: #fff1e5; color: #953800; }
.tone-late { background: #fff8c5; color: #7d4e00; }
.tone-harm { background: #ffebe9; color: #a40e26; font-weight: 700; }
.tone-none { background: #f6f8fa; color: #59636e; }
.tone-bug { background: #fbefff; color: #8250df; font-weight: 700; }
tr.cat th { background: #f6f8fa; }
#trace h2 { font-size: 1rem; margin: .25rem 0; }
#trace-close { float: right; }
#matrix-wrap { overflow-x: auto; max-width: 100%; }
#matrix th { white-space: nowrap; }
#matrix tr > th:first-child { position: sticky; left: 0; background: #fff; z-index: 1; }
#matrix tr.cat > th:first-child { background: #f6f8fa; }
#trace { z-index: 2; position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-top: 2px solid #0969da; padding: .25rem 1rem; box-shadow: 0 -4px 12px rgba(0,0,0,.15); }
body.tracing { padding-bottom: 45vh; }
#trace pre { max-height: 34vh; overflow: auto; background: #f6f8fa; padding: .5rem; font-size: 12.5px; margin: .25rem 0; }
[hidden] { display: none !important; }
`;

export const HTML_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('arena-data').textContent);
  var category = document.getElementById('filter-category');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter-design]'));
  var panel = document.getElementById('trace');
  var title = document.getElementById('trace-title');
  var text = document.getElementById('trace-text');
  function apply() {
    var cat = category.value;
    var shown = {};
    boxes.forEach(function (b) { shown[b.getAttribute('data-filter-design')] = b.checked; });
    document.querySelectorAll('#matrix tr[data-category]').forEach(function (tr) {
      tr.hidden = cat !== '' && tr.getAttribute('data-category') !== cat;
    });
    document.querySelectorAll('#matrix [data-design]').forEach(function (el) {
      el.hidden = !shown[el.getAttribute('data-design')];
    });
  }
  function open(scenario, design) {
    var lines = (data.traces[scenario] || {})[design];
    if (!lines) return;
    title.textContent = scenario + ' on ' + design + ': npx arena explain ' + scenario + ' --design ' + design + ' --seed ' + data.seed;
    text.textContent = lines.join('\\n');
    panel.hidden = false;
    document.body.classList.add('tracing');
    panel.setAttribute('data-scenario', scenario);
    panel.setAttribute('data-design', design);
    document.querySelectorAll('td.cell.selected').forEach(function (td) { td.classList.remove('selected'); });
    var td = document.querySelector('td.cell[data-scenario="' + scenario + '"][data-design="' + design + '"]');
    if (td) td.classList.add('selected');
  }
  document.getElementById('trace-close').addEventListener('click', function () { panel.hidden = true; document.body.classList.remove('tracing'); });
  category.addEventListener('change', apply);
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.addEventListener('click', function (e) {
    var el = e.target.closest('[data-open]');
    if (!el) return;
    e.preventDefault();
    open(el.getAttribute('data-scenario'), el.getAttribute('data-design'));
  });
  document.addEventListener('keydown', function (e) {
    var el = e.target.closest && e.target.closest('td[data-open]');
    if (el && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(el.getAttribute('data-scenario'), el.getAttribute('data-design')); }
  });
  apply();
})();
`;
