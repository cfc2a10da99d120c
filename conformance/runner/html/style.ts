// The report's only stylesheet, inlined: the page must work from a file with no network.

export const STYLE = `
:root{--pass:#2f9e4f;--fail:#d23c3c;--missing:#b5b5b5;--other:#e0a030;--line:#dcdcdc;--soft:#f5f6f8}
*{box-sizing:border-box}
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#fff}
header,main>section{padding:0 20px}
header{padding-top:12px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:16px;margin:22px 0 8px}
h3{font-size:14px;margin:14px 0 6px}
code,.mono,table.hex td{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.meta{color:#555;margin:0 0 6px}
.counts{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 12px}
.counts span,.chip{border-radius:10px;padding:1px 9px;background:#e8e8e8}
.chip{font-size:12px;margin-right:4px;white-space:nowrap}
.help{color:#555;max-width:70em;margin:4px 0 8px}
.s-pass{background:#d5f0dc}.s-fail{background:#f8cccc}.s-errored{background:#f6ddb0}.s-skipped{background:#ececec;color:#555}.s-xfail{background:#e6def8}
table.agree,table.wrong,table.whole{border-collapse:collapse;margin-bottom:6px}
table.agree th,table.agree td,table.wrong th,table.wrong td,table.whole th,table.whole td{border-bottom:1px solid var(--line);padding:3px 10px 3px 0;text-align:left;vertical-align:top}
table.agree thead th,table.wrong thead th,table.whole thead th{font-weight:600;color:#444;border-bottom:2px solid var(--line)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.n.wrong.some{color:#b00000;font-weight:700}
tfoot th,tfoot td{font-weight:600}
.bar{display:flex;width:240px;height:12px;margin-top:3px;background:#eee;border-radius:2px;overflow:hidden}
.bar i{display:block;height:100%}
.bar .pass{background:var(--pass)}.bar .fail{background:var(--fail)}.bar .missing{background:var(--missing)}.bar .other{background:var(--other)}
table.wrong td.val{max-width:26em;word-break:break-all}
.path{color:#666;font-size:11px}
.sec{color:#666}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin:8px 0;position:sticky;top:0;background:#fff;z-index:4;padding:6px 0}
.filters input[type=search]{width:18em}
.mx-wrap{overflow:auto;max-height:78vh;border:1px solid var(--line);margin-bottom:10px}
table.mx{border-collapse:separate;border-spacing:0}
table.mx th,table.mx td{border-right:1px solid #e4e4e4;border-bottom:1px solid #e4e4e4;padding:1px 4px;white-space:nowrap}
table.mx thead th{position:sticky;background:var(--soft);z-index:1;font-weight:600}
table.mx thead tr.groups th{top:0;height:22px}
table.mx thead tr.names th{top:22px;font-weight:normal;vertical-align:bottom}
table.mx thead tr.names th span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:11em;overflow:hidden;text-overflow:ellipsis}
table.mx th.case{position:sticky;left:0;z-index:2;background:#fff;text-align:left;width:22em;min-width:22em;max-width:22em;overflow:hidden;text-overflow:ellipsis;box-shadow:2px 0 0 #cfcfcf}
table.mx thead th.case{z-index:3;background:var(--soft)}
table.mx .first{border-left:2px solid #9aa4b1}
table.mx td{min-width:18px;text-align:center;cursor:pointer}
table.mx td.pass{background:#bfe6c9}
table.mx td.missing{background:#e4e4e4}
table.mx td.fail{background:#f8cfcf;color:#7a0f0f;max-width:9em;overflow:hidden;text-overflow:ellipsis;text-align:left}
table.mx td.other{background:#f6ddb0}
table.mx td.whole{text-align:left;cursor:default;color:#444}
/* The message of a case without field results stays in view beside the case column. */
table.mx td.whole span,table.mx tr.groups th span{position:sticky;left:calc(22em + 10px)}
table.mx tr:hover td,table.mx tr:hover th.case{filter:brightness(.95)}
.badge{display:inline-block;border-radius:8px;padding:0 6px;margin-left:6px;font-size:11px}
a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
aside#case-view{position:fixed;top:0;right:0;bottom:0;width:min(62vw,1000px);overflow:auto;background:#fff;border-left:1px solid #bbb;box-shadow:-6px 0 18px rgba(0,0,0,.18);padding:0 18px 40px;z-index:10}
/* No top padding: rows scrolling under the sticky table heads would show through it. */
aside#case-view[hidden]{display:none}
#close-case{position:sticky;top:8px;margin-top:8px;float:right;z-index:2;font-size:18px;border:0;background:#eee;border-radius:4px;cursor:pointer;width:30px;height:30px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
dl.facts dt{color:#555}dl.facts dd{margin:0}
table.diffs,table.hex{border-collapse:collapse;width:100%}
table.diffs th,table.diffs td,table.hex th,table.hex td{border-bottom:1px solid #eee;padding:1px 6px;text-align:left;vertical-align:top}
table.hex thead th,table.diffs thead th{position:sticky;top:0;background:var(--soft);z-index:1}
table.hex td{overflow-wrap:anywhere}
table.hex td.hexb{color:#555;word-break:break-all;min-width:17ch;max-width:26ch}
table.hex tr.fail td{background:#fbe0e0}
table.hex tr.fail td.parser{color:#a30000;font-weight:600}
table.hex tr.missing td.parser{color:#999}
table.hex tr.undescribed td{color:#999;font-style:italic}
table.hex tr.focus td{outline:2px solid #0b5cad;outline-offset:-2px}
table.hex td.verdict{white-space:nowrap}
.recs{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}
.recs button{border:1px solid #bbb;background:#fff;border-radius:4px;cursor:pointer;padding:1px 7px}
.recs button.has-fail{border-color:var(--fail);color:#a30000}
.recs button[aria-pressed=true]{background:#0b5cad;color:#fff;border-color:#0b5cad}
pre.dump{background:var(--soft);padding:8px;overflow:auto}
.diag{color:#a30000}
.note{background:#fff6d6;border:1px solid #ecd58c;padding:4px 8px;border-radius:4px}
`;
