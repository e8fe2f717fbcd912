// comparison.html: one self-contained page (inline CSS and JS, no network) for drilling
// into the matrix. The findings and verdict as in comparison.md, the matrix filterable
// by category and design, and a click on a cell shows its full trace as `arena explain`
// prints it (the traces travel in the page's JSON block). Deterministic like the
// markdown: the same data gives the same bytes.
import { Category, OUTCOMES } from '../scenarios/index.ts';
import { findings, type Part } from './findings.ts';
import { byScenario, mixed } from './findings-render.ts';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.ts';
import { TONE, outcomeCell, outcomeMark } from './marks.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';
import { inputsLine } from './text.ts';
import { VERDICT_COLUMNS, splitVariants, variantNote } from './verdict.ts';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that is safe inside a <script> element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function openAttrs(scenario: string, design: string): string {
  return `data-open data-scenario="${esc(scenario)}" data-design="${esc(design)}"`;
}

function partHtml(p: Part): string {
  if ('text' in p) return esc(p.text);
  if ('design' in p) return `<b>${esc(p.design)}</b>`;
  if ('section' in p) return `<a href="#${esc(p.section)}">${esc(p.label)}</a>`;
  const marks = mixed(p.cells);
  const list = byScenario(p.cells).map(([id, cs]) => cs.map((c, i) =>
    `<a href="#trace" ${openAttrs(c.scenario, c.design)}>${i === 0 ? esc(id) : ''}${marks ? ` ${esc(outcomeMark(c.outcome))}` : ''}</a>`).join(' / '));
  return `${list.join(', ')}${p.more > 0 ? ` and ${p.more} more` : ''}`;
}

function verdictTable(j: ComparisonJsonT, rows: readonly DesignSummaryT[], first: string, note: boolean): string {
  const head = `<tr><th>${first}</th>${VERDICT_COLUMNS.map((c) => `<th>${esc(c.head)}</th>`).join('')}</tr>`;
  const body = rows.map((d) => `<tr><th>${esc(d.design)}${note ? ` <small>(${esc(variantNote(d, j))})</small>` : ''}</th>${VERDICT_COLUMNS.map((c) => {
    const v = c.value(d);
    return `<td class="num${c.harm && v !== '0' ? ' hit' : ''}">${esc(v)}</td>`;
  }).join('')}</tr>`);
  return `<table class="verdict">${head}${body.join('')}</table>`;
}

/** The marks as the matrix colours them: green is safe, red is harm. */
function legend(): string {
  return `<p class="legend">${OUTCOMES.map((o) => `<span class="tone-${TONE[o]}">${esc(outcomeMark(o))}</span>`).join(' ')}</p>`;
}

function filters(j: ComparisonJsonT): string {
  const cats = Category.options.filter((c) => j.scenarios.some((s) => s.category === c));
  const select = `<label>category <select id="filter-category"><option value="">all</option>${cats.map((c) => `<option value="${c}">${c}</option>`).join('')}</select></label>`;
  const boxes = j.designs.map((d) => `<label><input type="checkbox" checked data-filter-design="${esc(d.design)}"> ${esc(d.design)}</label>`);
  return `<div id="filters">${select}<span>designs:</span>${boxes.join('')}</div>`;
}

function matrix(j: ComparisonJsonT): string {
  const head = `<tr><th>scenario</th>${j.designs.map((d) => `<th data-design="${esc(d.design)}">${esc(d.design)}</th>`).join('')}</tr>`;
  const rows = Category.options.flatMap((cat) => {
    const mine = j.scenarios.filter((s) => s.category === cat);
    if (mine.length === 0) return [];
    return [
      `<tr class="cat" data-category="${cat}"><th colspan="${j.designs.length + 1}">${cat}</th></tr>`,
      ...mine.map((s) => `<tr data-category="${cat}" data-scenario="${esc(s.id)}"><th title="${esc(s.title)}">${esc(s.id)}</th>${j.designs.map((d) => {
        const c = s.cells.find((x) => x.design === d.design);
        if (!c) return `<td data-design="${esc(d.design)}"></td>`;
        return `<td class="cell tone-${TONE[c.outcome]}" tabindex="0" title="${esc(c.summary)}" ${openAttrs(s.id, d.design)}>${esc(outcomeCell(c))}</td>`;
      }).join('')}</tr>`),
    ];
  });
  return `<div id="matrix-wrap"><table id="matrix">${head}${rows.join('')}</table></div>`;
}

/** The traces by scenario then design, and the seed: all the script needs. */
function pageData(j: ComparisonJsonT): unknown {
  const traces = Object.fromEntries(j.scenarios.map((s) => [s.id, Object.fromEntries(s.cells.map((c) => [c.design, c.trace]))]));
  return { seed: j.provenance.seed, traces };
}

export function renderComparisonHtml(j: ComparisonJsonT): string {
  const p = j.provenance;
  const { designs, variants } = splitVariants(j);
  const body = [
    '<h1>pfnmap-arena: design comparison</h1>',
    `<p class="prov">${esc(`${p.package} ${p.version}, Node ${p.node}, seed ${p.seed}${p.timestamp ? `, generated ${p.timestamp}` : ''}`)}; ` +
      'regenerate with <code>npm start</code>.</p>',
    `<p class="prov">${esc(inputsLine(j))}</p>`,
    '<h2 id="findings">Findings</h2>',
    `<ol>${findings(j).map((f) => `<li>${f.parts.map(partHtml).join('')}</li>`).join('')}</ol>`,
    '<h2 id="verdict">Verdict</h2>',
    verdictTable(j, designs, 'design', false),
    ...(variants.length > 0 ? ['<p>Variants (one reading of a question the proposal leaves open):</p>', verdictTable(j, variants, 'variant', true)] : []),
    '<h2 id="matrix-title">Matrix</h2>',
    '<p>Click a cell for its full trace (what <code>arena explain</code> prints: steps with return values, dmesg, vmas, IOMMU mappings, teardown audit).</p>',
    legend(),
    filters(j),
    matrix(j),
    '<section id="trace" hidden><button id="trace-close" type="button">close</button><h2 id="trace-title"></h2><pre id="trace-text"></pre></section>',
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>pfnmap-arena: design comparison</title>',
    '<!-- generated by `arena report`; do not edit by hand -->',
    `<style>${HTML_STYLE}</style></head>`,
    '<body>',
    ...body,
    `<script type="application/json" id="arena-data">${scriptJson(pageData(j))}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
