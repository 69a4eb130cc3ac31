"""The style sheet of the HTML report, inlined into the page."""

CSS = """
:root{--red:#b42318;--green:#067647;--amber:#b54708;--purple:#6941c6;--gray:#475467;
--blue:#175cd3;--line:#e4e7ec;--bg:#f9fafb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
color:#101828;background:var(--bg)}
header,nav,main{max-width:1080px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 12px}
h2{font-size:21px;margin:32px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0 0 6px;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
h4{margin:0 0 4px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--gray)}
code,pre{font:13px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
dl.meta{display:grid;grid-template-columns:90px 1fr;gap:2px 12px;margin:0 0 12px;
font-size:14px}
dl.meta dt{color:var(--gray)}dl.meta dd{margin:0}
.hash{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:var(--gray);word-break:break-all}
.counts{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
.badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12.5px;
font-weight:600;color:#fff;white-space:nowrap}
.badge.verified{background:var(--green)}.badge.discrepancy{background:var(--red)}
.badge.undecided{background:var(--amber)}.badge.error{background:var(--purple)}
.badge.rejected{background:var(--gray)}.badge.tool{background:var(--blue)}
.badge.zero{background:#fff;color:var(--gray);border:1px solid var(--line)}
.lead{margin:6px 0 12px}
nav ol{margin:0;padding-left:22px}nav ol.sub{font-size:14px}
nav li{margin:2px 0}nav .where{color:var(--gray);font-size:13px}.n{color:var(--gray);font-size:13px}
.n::before{content:"("}.n::after{content:")"}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.card{background:#fff;border:1px solid var(--line);border-left:4px solid var(--red);
border-radius:8px;padding:16px 18px;margin:0 0 18px}
.card.slim{border-left-color:var(--gray);padding:12px 16px}
#undecided .card{border-left-color:var(--amber)}#errors .card{border-left-color:var(--purple)}
#tool_disagreements .card{border-left-color:var(--blue)}
.kind{font-size:12px;color:var(--gray);border:1px solid var(--line);border-radius:4px;
padding:0 6px;font-weight:400}
.where{color:var(--gray);font-size:13.5px;margin:0 0 8px}
.where code{font-size:12.5px}
table.excerpt{border-collapse:collapse;width:100%;background:#f2f4f7;border-radius:6px;
margin:0 0 12px;display:block;overflow-x:auto}
table.excerpt td{padding:0 8px;vertical-align:top}
table.excerpt pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
td.ln{color:#98a2b3;text-align:right;user-select:none;font:12px/1.45 ui-monospace,monospace;
padding-top:1px}
.grid{display:grid;grid-template-columns:minmax(0,1fr);gap:14px;margin:0 0 10px}
.math{margin:0;padding:8px 10px;border-radius:6px;background:#f8f9fc;border:1px solid var(--line);
overflow-x:auto}
.math.claimed{border-color:#f4c7c3;background:#fef6f5}.math.true{border-color:#c5d6f8;
background:#f5f8ff}
.math code{display:block;white-space:pre-wrap;word-break:break-word}
.math code.plain{font-size:14px;font-weight:600}
.math code.rel{font-size:12.5px;color:var(--gray)}
.math code.tex{font-size:12px;color:var(--gray);margin-top:4px}
.rendered{font-size:17px;margin:2px 0 4px;overflow-x:auto;overflow-y:hidden;padding:2px 0}
.rendered math{font-family:"STIX Two Math","Latin Modern Math","Cambria Math",serif}
details.source{margin-top:2px}details.source summary{font-size:12px}
section.claim{border-top:1px solid var(--line);margin-top:12px;padding-top:8px}
h4.name{margin:4px 0 8px;font-size:15px}
pre.diff{margin:6px 0;padding:6px 8px;background:#fff;border:1px solid var(--line);
border-radius:4px;overflow-x:auto;font-size:13px}
pre.diff .del{color:#b42318;background:#fef3f2}pre.diff .add{color:#067647;background:#ecfdf3}
pre.diff .hunk{color:var(--gray)}.fix.none{background:#f8f9fc;border-color:var(--line)}
table.quantities{border-collapse:collapse;font-size:13px}table.counter table.quantities th,
table.counter table.quantities td{padding:1px 16px 1px 0;text-align:left}
.aside{display:block;font-size:11.5px;color:var(--gray);margin-top:4px}
.small{font-size:13px;color:var(--gray);margin:4px 0}
table.counter{border-collapse:collapse;margin:4px 0 10px;font-size:14px}
table.counter th{text-align:left;color:var(--gray);font-weight:500;padding:2px 14px 2px 0}
table.counter td{padding:2px 0;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
td.claimed{color:var(--red)}td.true{color:var(--blue)}
.note{background:#fffaeb;border:1px solid #fedf89;border-radius:6px;padding:8px 10px;
font-size:14px}
.fix{background:#ecfdf3;border:1px solid #abefc6;border-radius:6px;padding:8px 10px;margin:10px 0}
.fix p{margin:4px 0 0;font-size:14px}.fix code{word-break:break-word}
.repro{font-size:13px;margin:8px 0}.repro code{background:#f2f4f7;padding:1px 6px;
border-radius:4px}
figure{margin:10px 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:12.5px;color:var(--gray)}
details{font-size:13.5px;margin-top:6px}summary{cursor:pointer;color:var(--gray)}
pre.message{white-space:pre-wrap;background:#f2f4f7;padding:8px;border-radius:6px}
table.verified{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
table.verified th,table.verified td{border:1px solid var(--line);padding:6px 10px;
text-align:left;vertical-align:top}
table.verified td.num{text-align:right;width:80px}
table.verified code{font-size:12px;display:inline-block;margin:1px 4px 1px 0}
main{padding-bottom:48px}
@media (max-width:760px){.grid{grid-template-columns:1fr}}
"""
