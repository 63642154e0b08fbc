/**
 * The inline CSS and the few lines of JS (table sorting only) of index.html. Nothing is fetched: the page
 * must open offline, from a CI artefact or an e-mail attachment, and print cleanly.
 */

export const PAGE_CSS = `
:root { --ink: #1d2430; --muted: #667085; --line: #d0d5dd; --pass: #067647; --fail: #b42318; --warn: #b54708; --band: #f5f7fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
header { padding: 24px 32px 12px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: var(--muted); }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); background: var(--band); position: sticky; top: 0; z-index: 1; }
nav a { display: inline-block; white-space: nowrap; margin-right: 16px; color: var(--ink); text-decoration: none; font-weight: 600; font-size: 14px; }
nav a:hover { text-decoration: underline; }
main { padding: 8px 32px 48px; max-width: 1400px; }
section { margin-top: 28px; }
h2 { font-size: 21px; border-bottom: 2px solid var(--ink); padding-bottom: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 12px 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 12px 0 20px; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { border: 1px solid var(--line); padding: 4px 9px; vertical-align: top; }
th { background: var(--band); text-align: left; cursor: pointer; user-select: none; min-width: 4em; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.warn { color: var(--warn); }
.muted { color: var(--muted); }
figure { margin: 16px 0 24px; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: 13.5px; max-width: 1000px; }
figcaption strong { color: var(--ink); }
.headline { border: 2px solid var(--line); border-left-width: 8px; padding: 6px 18px 10px; margin: 16px 0; background: #fff; }
.headline dl.facts dd { font-size: 16px; }
.headline p.trust { margin: 6px 0 0; font-size: 14px; color: var(--ink); }
.badge { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; font-size: 13px; }
.headline.grade-publishable { border-color: var(--pass); }
.headline.grade-indicative { border-color: var(--warn); }
.headline.grade-smoke-test { border-color: var(--fail); }
.badge.grade-publishable { background: var(--pass); }
.badge.grade-indicative { background: var(--warn); }
.badge.grade-smoke-test { background: var(--fail); }
pre { background: var(--band); padding: 10px 14px; border: 1px solid var(--line); overflow-x: auto; font-size: 13px; }
ul { padding-left: 22px; }
footer { color: var(--muted); font-size: 13px; padding: 0 32px 24px; }
@media print {
  nav { display: none; }
  body { font-size: 11pt; }
  main, header, footer { padding-left: 0; padding-right: 0; }
  section { break-before: auto; }
  h2 { break-after: avoid; }
  figure, table, dl.facts, .headline { break-inside: avoid; }
  figure img { max-width: 100%; border: none; }
  th { cursor: default; }
  th::after { content: "" !important; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Click a header to sort by that column; numbers sort by data-sort, text alphabetically, empty cells last. */
export const SORT_SCRIPT = `
document.querySelectorAll('table.sortable th').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var key = function (row) { var cell = row.children[index]; var v = cell.getAttribute('data-sort'); return v === null ? cell.textContent.trim() : Number(v); };
    var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b);
      if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
      var order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
`;
