// The report's script, inlined (no network). It renders, from the JSON model in #zf-data, the matrix per
// subtype (filtered by status, section and text) and the per-case view (`#case=ID`, optionally `&col=N`
// to focus a field). Building rows as one HTML string per matrix keeps 1,000 cases fast.

import { HEX_SHOWN, STATUS_CODE } from './model.js';

export const CLIENT = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('zf-data').textContent);
var S = D.strings;
function $(id) { return document.getElementById(id); }
function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
function show(v) { return v === undefined ? '' : JSON.stringify(v); }
function cut(s, n) { return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }
var RANK = { pass: 0, missing: 1, fail: 3 };
function rank(st) { return st in RANK ? RANK[st] : 2; }
function cls(st) { return st in RANK ? st : 'other'; }
function shortName(f) { return f.replace(/^SMF119(?:[A-Z0-9]{2}_)?/, ''); }
var index = new Map(D.cases.map(function (c, i) { return [c.id, i]; }));
// Field rows (model.ts FieldRow): [path, status code, expected, actual?].
var CODES = ${JSON.stringify(Object.keys(STATUS_CODE).sort((a, b) => STATUS_CODE[a]! - STATUS_CODE[b]!))};
function stOf(r) { return typeof r[1] === 'number' ? CODES[r[1]] : r[1]; }
function colOf(r) { return D.stringColumns[r[0]]; }
function actualOf(r) { return r.length > 3 ? r[3] : stOf(r) === 'pass' ? r[2] : undefined; }

// Per case: column -> the worst of its results (a field repeats across occurrences and records).
function cellsOf(c) {
  if (c._cells) return c._cells;
  var m = new Map();
  c.fields.forEach(function (f, i) {
    var col = colOf(f), cell = m.get(col);
    if (!cell) { cell = { worst: i, fails: 0, n: 0 }; m.set(col, cell); }
    cell.n++;
    if (stOf(f) === 'fail') cell.fails++;
    if (rank(stOf(f)) > rank(stOf(c.fields[cell.worst]))) cell.worst = i;
  });
  c._cells = m;
  return m;
}

function filters() {
  return { text: $('filter').value.trim().toLowerCase(), status: $('status').value, section: $('section').value, onlyWrong: $('only-wrong').checked };
}

function matches(c, f) {
  if (f.status && c.status !== f.status) return false;
  if (!f.text) return true;
  return (c.id + '\n' + c.description + '\n' + c.message + '\n' + c.flags.join(' ')).toLowerCase().indexOf(f.text) >= 0;
}

function cellHtml(c, ci) {
  var cell = cellsOf(c).get(ci);
  if (!cell) return '<td></td>';
  var r = c.fields[cell.worst], st = cls(stOf(r));
  if (st === 'pass') return '<td class="pass" data-col="' + ci + '"></td>';
  if (st === 'missing') return '<td class="missing" data-col="' + ci + '" title="' + esc(S[r[0]] + ': not reported, expected ' + show(r[2])) + '"></td>';
  var more = cell.fails > 1 ? ' (' + cell.fails + ' wrong of ' + cell.n + ')' : '';
  var title = S[r[0]] + ': expected ' + show(r[2]) + ', parser ' + show(actualOf(r)) + more;
  var text = st === 'fail' ? '\u2260 ' + cut(show(actualOf(r)), 14) + (cell.fails > 1 ? ' \u00d7' + cell.fails : '') : stOf(r);
  return '<td class="' + st + '" data-col="' + ci + '" title="' + esc(title) + '">' + esc(text) + '</td>';
}

// Rows shown per matrix: a table of 1,000 cases x 170 fields takes seconds to lay out; more on request.
var PAGE = 100, limits = {};
function renderMatrix(mx, f) {
  var matching = D.cases.filter(function (c) { return c.subtype === mx.subtype && matches(c, f); });
  var limit = limits[mx.subtype] || PAGE, rows = matching.slice(0, limit);
  var cols = mx.columns.filter(function (ci) { return !f.section || D.columns[ci].section === f.section; });
  if (f.onlyWrong) {
    var wrong = new Set();
    rows.forEach(function (c) { c.fields.forEach(function (r) { if (stOf(r) === 'fail') wrong.add(colOf(r)); }); });
    cols = cols.filter(function (ci) { return wrong.has(ci); });
  }
  var groups = [], names = [];
  cols.forEach(function (ci, k) {
    var col = D.columns[ci], first = k === 0 || D.columns[cols[k - 1]].section !== col.section;
    if (first) groups.push({ section: col.section, span: 0 });
    groups[groups.length - 1].span++;
    names.push('<th' + (first ? ' class="first"' : '') + ' title="' + esc(col.section + '.' + col.field) + '"><span>' + esc(shortName(col.field)) + '</span></th>');
  });
  var firsts = new Set(), k = 0;
  groups.forEach(function (g) { firsts.add(cols[k]); k += g.span; });
  var html = ['<table class="mx"><thead><tr class="groups"><th class="case" rowspan="2">case <span class="path">(' + matching.length + ')</span></th>'];
  groups.forEach(function (g) { html.push('<th class="first" colspan="' + g.span + '"><span>' + esc(g.section) + '</span></th>'); });
  html.push('</tr><tr class="names">' + names.join('') + '</tr></thead><tbody>');
  rows.forEach(function (c) {
    html.push('<tr data-case="' + esc(c.id) + '" data-status="' + esc(c.status) + '"><th class="case" title="' + esc(c.description) + '"><a href="#case=' + encodeURIComponent(c.id) + '">' + esc(c.id) + '</a><span class="badge s-' + esc(c.status) + '">' + esc(c.status) + '</span></th>');
    if (c.fields.length === 0 && cols.length) html.push('<td class="whole" colspan="' + cols.length + '"><span>' + esc(c.message) + '</span></td>');
    else cols.forEach(function (ci) { var h = cellHtml(c, ci); html.push(firsts.has(ci) ? h.replace('<td', '<td data-first') : h); });
    html.push('</tr>');
  });
  html.push('</tbody></table>');
  var el = $('matrix-' + mx.subtype);
  el.innerHTML = cols.length || rows.length ? html.join('') : '<p class="help">No case matches.</p>';
  el.querySelectorAll('td[data-first]').forEach(function (td) { td.classList.add('first'); });
  $('shown-' + mx.subtype).textContent = rows.length < matching.length ? rows.length + ' of ' + matching.length : String(matching.length);
  $('more-' + mx.subtype).innerHTML = rows.length < matching.length ? '<button data-more="' + mx.subtype + '" data-n="' + PAGE + '">show ' + Math.min(PAGE, matching.length - rows.length) + ' more</button> <button data-more="' + mx.subtype + '" data-n="all">show all ' + matching.length + '</button>' : '';
  return matching.length;
}

function renderAll(e) {
  if (e) limits = {};
  var f = filters(), shown = 0;
  D.matrices.forEach(function (mx) { shown += renderMatrix(mx, f); });
  $('shown').textContent = String(shown);
}

// The per-case view.
var current = null;
function facts(c) {
  var rows = [['subtype / release', c.subtype + ' / ' + c.release + (c.framing ? ', ' + c.framing + ' framing' : '')], ['expectation', c.expectation + (c.why ? ': ' + c.why : '')], ['flags', c.flags.join(', ') || '\u2014'], ['parser answered', c.answer], ['verdict', c.message]];
  if (c.unexpectedPass) rows.push(['note', 'listed as an expected failure, but passes']);
  var dl = '<dl class="facts">' + rows.map(function (r) { return '<dt>' + esc(r[0]) + '</dt><dd>' + esc(r[1]) + '</dd>'; }).join('');
  // What the runner adds beyond the fields above (the parser's stderr tail, unaligned records, ...), as it says it.
  if (c.more) dl += '<dt>also reported</dt><dd><pre class="dump">' + esc(JSON.stringify(c.more, null, 2)) + '</pre></dd>';
  return dl + '</dl>';
}

function diffs(c) {
  var wrong = c.fields.filter(function (r) { return stOf(r) !== 'pass' && stOf(r) !== 'missing'; });
  var missing = c.fields.filter(function (r) { return stOf(r) === 'missing'; }).length;
  var right = c.fields.length - wrong.length - missing;
  var head = '<h3>Fields: ' + right + ' right, ' + wrong.length + ' wrong, ' + missing + ' missing</h3>';
  if (!wrong.length) return head;
  return head + '<table class="diffs"><thead><tr><th>field</th><th>expected</th><th>parser</th></tr></thead><tbody>' + wrong.map(function (r) {
    return '<tr class="' + cls(stOf(r)) + '"><td class="mono">' + esc(S[r[0]]) + '</td><td class="mono">' + esc(show(r[2])) + '</td><td class="mono">' + esc(show(actualOf(r))) + '</td></tr>';
  }).join('') + '</tbody></table>';
}

function recordOf(path) { var m = /^record\[(\d+)\]/.exec(path); return m ? Number(m[1]) : 0; }

// Inspect rows (model.ts RecordView): the record's layout, the hex cut from its bytes, and the value implied
// by the row's field result unless the record gives it.
var HEX_SHOWN = ${HEX_SHOWN};
function bytesOf(rec) {
  if (!rec._bytes) { var b = atob(rec.bytes), a = new Uint8Array(b.length); for (var i = 0; i < b.length; i++) a[i] = b.charCodeAt(i); rec._bytes = a; }
  return rec._bytes;
}
function hexOf(bytes, offset, length) {
  var s = '', end = offset + Math.min(length, HEX_SHOWN);
  for (var i = offset; i < end && i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16).toUpperCase();
  return s + (length > HEX_SHOWN ? '...' : '');
}
function resultIndex(c) {
  if (!c._byPath) c._byPath = new Map(c.fields.map(function (r, i) { return [S[r[0]], i]; }));
  return c._byPath;
}
function resultPathOfTrace(path, record) {
  var parts = path.split(' > ');
  return 'record[' + record + '] ' + parts.slice(1, -1).join(' > ') + '.' + parts[parts.length - 1];
}

function hexTable(c, recIndex, focusCol) {
  var rec = c.records[recIndex], bytes = bytesOf(rec), extra = D.extraHexColumns, byPath = resultIndex(c);
  var h = ['<div class="mono">' + esc(rec.head) + '</div><table class="hex"><thead><tr><th>offset</th><th>len</th><th>bytes</th><th>field</th><th>value</th><th>parser\u2019s value</th><th></th>'];
  extra.forEach(function (x) { h.push('<th>' + esc(x) + '</th>'); });
  h.push('</tr></thead><tbody>');
  D.layouts[rec.layout].forEach(function (row, i) {
    var path = S[row[2]], k = byPath.get(resultPathOfTrace(path, recIndex)), r = k === undefined ? null : c.fields[k], st = r ? stOf(r) : null;
    var klass = r ? cls(st) : path.charAt(0) === '(' ? 'undescribed' : '';
    if (r && focusCol !== null && colOf(r) === focusCol) klass += ' focus';
    var value = rec.values && i in rec.values ? rec.values[i] : r ? show(r[2]) : '';
    var hex = rec.hex && i in rec.hex ? rec.hex[i] : hexOf(bytes, row[0], row[1]);
    var parser = !r ? '' : st === 'missing' ? 'not reported' : show(actualOf(r));
    var verdict = !r ? '' : st === 'pass' ? '\u2713 right' : st === 'missing' ? '\u00b7 missing' : st === 'fail' ? '\u2717 wrong' : st;
    h.push('<tr class="' + klass + '"><td>' + row[0] + '</td><td>' + row[1] + '</td><td class="hexb">' + esc(hex) + '</td><td>' + esc(path) + '</td><td>' + esc(value) + '</td><td class="parser">' + esc(parser) + '</td><td class="verdict">' + verdict + '</td>');
    var more = (rec.extra && rec.extra[i]) || [];
    extra.forEach(function (_, x) { h.push('<td>' + esc(more[x] || '') + '</td>'); });
    h.push('</tr>');
  });
  h.push('</tbody></table>');
  (rec.diagnostics || []).forEach(function (d) { h.push('<div class="diag mono">' + esc(d) + '</div>'); });
  return h.join('');
}

function openCase(id, focusCol) {
  var i = index.get(id);
  if (i === undefined) return;
  var c = D.cases[i];
  current = c;
  var recs = c.records || [];
  var failing = new Set(c.fields.filter(function (r) { return stOf(r) === 'fail'; }).map(function (r) { return recordOf(S[r[0]]); }));
  var focus = focusCol === null ? undefined : c.fields.find(function (r) { return colOf(r) === focusCol && stOf(r) === 'fail'; }) || c.fields.find(function (r) { return colOf(r) === focusCol; });
  var chosen = focus ? recordOf(S[focus[0]]) : failing.size ? Math.min.apply(null, Array.from(failing)) : 0;
  var h = ['<button id="close-case" title="close (Esc)">\u00d7</button><h2 id="case-title">' + esc(c.id) + '<span class="badge s-' + esc(c.status) + '">' + esc(c.status) + '</span></h2><p>' + esc(c.description) + '</p>', facts(c), diffs(c)];
  if (D.corpusNote) h.push('<p class="note">' + esc(D.corpusNote) + '</p>');
  if (c.inputNote) h.push('<p class="note">' + esc(c.inputNote) + '</p>');
  if (c.dump) h.push('<pre class="dump">' + esc(c.dump) + '</pre>');
  if (recs.length) {
    h.push('<h3>Annotated hex (as <code>zert-forge inspect</code> prints it) next to the parser\u2019s values</h3>');
    if (recs.length > 1) h.push('<div class="recs">' + recs.map(function (_, k) { return '<button data-rec="' + k + '" aria-pressed="' + (k === chosen) + '"' + (failing.has(k) ? ' class="has-fail"' : '') + '>record ' + k + '</button>'; }).join('') + '</div>');
    h.push('<div id="hex">' + hexTable(c, Math.min(chosen, recs.length - 1), focusCol) + '</div>');
  }
  var view = $('case-view');
  view.innerHTML = h.join('');
  view.hidden = false;
  view.scrollTop = 0;
  var row = view.querySelector('tr.focus');
  if (row) row.scrollIntoView({ block: 'center' });
}

function closeCase() {
  $('case-view').hidden = true;
  current = null;
  if (location.hash.indexOf('#case=') === 0) history.replaceState(null, '', location.pathname + location.search);
}

function fromHash() {
  var m = /^#case=([^&]*)(?:&col=(\d+))?$/.exec(location.hash);
  if (m) openCase(decodeURIComponent(m[1]), m[2] === undefined ? null : Number(m[2]));
}

document.addEventListener('click', function (e) {
  var t = e.target;
  if (t.id === 'close-case') return closeCase();
  var rb = t.closest('button[data-rec]');
  if (rb && current) {
    $('hex').innerHTML = hexTable(current, Number(rb.dataset.rec), null);
    document.querySelectorAll('.recs button').forEach(function (b) { b.setAttribute('aria-pressed', String(b === rb)); });
    return;
  }
  var more = t.closest('button[data-more]');
  if (more) {
    var st = more.dataset.more;
    limits[st] = more.dataset.n === 'all' ? Infinity : (limits[st] || PAGE) + PAGE;
    var mx = D.matrices.find(function (m) { return String(m.subtype) === st; });
    renderMatrix(mx, filters());
    return;
  }
  var td = t.closest('table.mx td[data-col]');
  if (td) location.hash = 'case=' + encodeURIComponent(td.parentElement.dataset.case) + '&col=' + td.dataset.col;
});
document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closeCase(); });
window.addEventListener('hashchange', fromHash);
['filter', 'status', 'section', 'only-wrong'].forEach(function (id) { $(id).addEventListener(id === 'filter' ? 'input' : 'change', renderAll); });
renderAll();
fromHash();
})();`;
