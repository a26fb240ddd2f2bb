/** The HTML report's stylesheet, inlined (no external fonts or files). */
export const REPORT_CSS = `
:root{--bg:#f3f5f9;--card:#fff;--line:#e4e8ef;--line2:#eef1f6;--ink:#0f172a;--ink2:#334155;--muted:#64748b;
--create:#15803d;--create-bg:#dcfce7;--update:#1d4ed8;--update-bg:#dbeafe;--merge:#6d28d9;--merge-bg:#ede9fe;
--move:#0f766e;--move-bg:#ccfbf1;--danger:#b91c1c;--danger-bg:#fee2e2;--conflict:#b45309;--conflict-bg:#fef3c7;--skip:#475569;--skip-bg:#f1f5f9;
--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
code{font-family:var(--mono);font-size:12px}
.wrap{max-width:1320px;margin:0 auto;padding:0 28px}
.hero{background:linear-gradient(135deg,#0b1220 0%,#14294a 60%,#1b3a66 100%);color:#e2e8f0;padding:26px 0 64px}
.brand{display:flex;align-items:center;gap:8px;font-size:13px;letter-spacing:.02em;color:#94a3b8}
.brand .logo{display:inline-grid;place-items:center;width:22px;height:22px;border-radius:6px;background:linear-gradient(135deg,#38bdf8,#6366f1);color:#fff;font-size:12px;font-weight:700}
.brand b{color:#e2e8f0;font-weight:600}
.hero h1{margin:14px 0 4px;font-size:28px;font-weight:650;letter-spacing:-.01em;color:#fff;display:flex;align-items:center;gap:12px;flex-wrap:wrap}
.tgt{font-size:12px;font-weight:700;letter-spacing:.06em;text-transform:uppercase;padding:4px 10px;border-radius:999px}
.tgt.sandbox{background:rgba(34,197,94,.16);color:#86efac;border:1px solid rgba(134,239,172,.35)}
.tgt.live{background:#dc2626;color:#fff;border:1px solid #fca5a5}
.lede{margin:0 0 18px;color:#cbd5e1;max-width:860px}
.meta{display:flex;flex-wrap:wrap;gap:10px 34px;margin:0}
.meta div{min-width:0}
.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:#94a3b8}
.meta dd{margin:2px 0 0;color:#f1f5f9;font-weight:500;overflow-wrap:anywhere}
.meta dd code{color:#bae6fd}
.cards{display:grid;grid-template-columns:repeat(8,minmax(0,1fr));gap:12px;margin-top:-42px}
@media (max-width:1180px){.cards{grid-template-columns:repeat(4,minmax(0,1fr))}}
@media (max-width:620px){.cards{grid-template-columns:repeat(2,minmax(0,1fr))}}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:14px 16px;box-shadow:0 1px 2px rgba(15,23,42,.04),0 6px 16px rgba(15,23,42,.06);border-top:3px solid var(--tone,#cbd5e1)}
.card .k{font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.05em}
.card .v{font-size:28px;font-weight:700;letter-spacing:-.02em;margin:2px 0;font-variant-numeric:tabular-nums}
.card .v.zero{color:#94a3b8}
.card .v.small{font-size:22px;line-height:42px}
.card .s{font-size:12px;color:var(--muted)}
.card.attn .s{color:var(--conflict);font-weight:600}
.card.bad .s{color:var(--danger);font-weight:600}
.callout{margin:16px 0 0;padding:10px 14px;border-radius:10px;background:#fff7ed;border:1px solid #fed7aa;color:#9a3412;font-size:13px}
.callout.live{background:#fef2f2;border-color:#fecaca;color:#991b1b}
.panel{background:var(--card);border:1px solid var(--line);border-radius:12px;margin:18px 0;box-shadow:0 1px 2px rgba(15,23,42,.04)}
.panel h2{font-size:15px;margin:0;padding:14px 18px;border-bottom:1px solid var(--line);display:flex;align-items:baseline;gap:10px}
.panel h2 .count{color:var(--muted);font-weight:500;font-size:13px}
.toolbar{position:sticky;top:0;z-index:5;background:rgba(255,255,255,.97);backdrop-filter:blur(6px);padding:12px 18px 10px;border-bottom:1px solid var(--line);border-radius:12px 12px 0 0}
.bar1{display:flex;gap:14px;align-items:center;margin-bottom:10px}
.bar1 h2{all:unset;font-size:15px;font-weight:650}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{font:inherit;font-size:12.5px;font-weight:600;color:var(--ink2);background:#fff;border:1px solid var(--line);border-radius:999px;padding:5px 11px;cursor:pointer;display:inline-flex;gap:6px;align-items:center}
.chip:hover{border-color:#cbd5e1;background:#f8fafc}
.chip .n{font-weight:600;color:var(--muted);font-variant-numeric:tabular-nums}
.chip .dot{width:8px;height:8px;border-radius:50%;background:var(--tone,#94a3b8)}
.chip[aria-pressed=true]{background:var(--ink);border-color:var(--ink);color:#fff}
.chip[aria-pressed=true] .n{color:#cbd5e1}
.search{position:relative;flex:0 1 380px;margin-left:auto}
.search input{width:100%;font:inherit;padding:7px 12px 7px 32px;border:1px solid var(--line);border-radius:8px;background:#f8fafc;outline:none}
.search input:focus{border-color:#93c5fd;background:#fff;box-shadow:0 0 0 3px rgba(59,130,246,.15)}
.search svg{position:absolute;left:10px;top:50%;transform:translateY(-50%);width:14px;height:14px;stroke:var(--muted)}
.shown{font-size:12px;color:var(--muted);white-space:nowrap;font-variant-numeric:tabular-nums}
table{border-collapse:collapse}
.ops,.rejects,.plain{width:100%}
.ops>thead th,.rejects th,.plain th{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);text-align:left;font-weight:600;padding:9px 14px;background:#f8fafc;border-bottom:1px solid var(--line)}
.ops>tbody>tr>td{padding:12px 14px;border-bottom:1px solid var(--line2);vertical-align:top}
.ops>tbody>tr:hover>td{background:#fbfcfe}
.c-kind{width:138px}.c-rec{width:24%}.c-why{width:27%}
.badge{display:inline-block;font-size:11.5px;font-weight:700;padding:3px 9px;border-radius:6px;white-space:nowrap;color:var(--tone);background:var(--tone-bg)}
.t-create{--tone:var(--create);--tone-bg:var(--create-bg)}.t-update{--tone:var(--update);--tone-bg:var(--update-bg)}.t-merge{--tone:var(--merge);--tone-bg:var(--merge-bg)}
.t-move{--tone:var(--move);--tone-bg:var(--move-bg)}.t-danger{--tone:var(--danger);--tone-bg:var(--danger-bg)}.t-conflict{--tone:var(--conflict);--tone-bg:var(--conflict-bg)}.t-skip{--tone:var(--skip);--tone-bg:var(--skip-bg)}
.rec{font-weight:600;overflow-wrap:anywhere}
.sub{display:flex;gap:8px;align-items:center;margin-top:3px;color:var(--muted)}
.sub code{color:#94a3b8}
.sid{font-family:var(--mono);font-size:12px;color:var(--ink2);background:#f1f5f9;border-radius:4px;padding:0 5px}
.src{font-size:12px;color:var(--muted);margin-top:3px}
.muted{color:var(--muted)}
.note{font-size:12.5px;color:var(--ink2);margin-bottom:6px}
.kv{display:grid;grid-template-columns:fit-content(200px) 1fr;gap:3px 14px;margin:0;font-size:13px}
.kv dt{color:var(--muted);font-family:var(--mono);font-size:12px;padding-top:1px;overflow-wrap:anywhere}
.kv dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.diff{width:100%;font-size:13px}
.diff th{font-family:var(--mono);font-size:12px;font-weight:500;color:var(--ink2);text-align:left;padding:3px 12px 3px 0;white-space:nowrap;vertical-align:top;width:1%}
.diff td{padding:3px 0;vertical-align:top;overflow-wrap:anywhere;white-space:pre-wrap;width:48%}
.diff td.arrow{color:#94a3b8;padding:3px 8px;width:1%}
del{background:var(--danger-bg);color:#991b1b;text-decoration:line-through;text-decoration-color:rgba(153,27,27,.55);border-radius:4px;padding:1px 5px}
ins{background:var(--create-bg);color:#14532d;text-decoration:none;border-radius:4px;padding:1px 5px;font-weight:500}
tr.held th,tr.held td{color:#94a3b8}
tr.held del{background:#f1f5f9;color:#94a3b8}
.kept{background:#f1f5f9;border-radius:4px;padding:1px 5px}
.why-held{font-size:11.5px;font-style:italic;color:#94a3b8;margin-top:1px}
.flow{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-bottom:6px}
.flow span{border-radius:6px;padding:2px 8px;font-size:13px}
.flow .from{background:#f1f5f9;color:var(--ink2)}
.flow .from.del{background:var(--danger-bg);color:#991b1b;text-decoration:line-through}
.flow .to{background:var(--merge-bg);color:#4c1d95;font-weight:600}
.flow .tag{font-size:11px;color:var(--muted);padding:0;margin-left:-4px}
.flow .to.danger{background:var(--danger);color:#fff}
.flow .arrow{color:#94a3b8;padding:0}
.facts{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12.5px;color:var(--ink2);margin-bottom:6px}
.facts b{color:var(--muted);font-weight:600;margin-right:4px}
.members{width:100%;font-size:13px;margin-bottom:6px}
.members td{padding:3px 10px 3px 0;vertical-align:top}
.members td:first-child{width:1%;white-space:nowrap}
.members tr.keep td{font-weight:600}
.members .linked{color:var(--muted);font-weight:400;font-size:12px;text-align:right;width:36%}
.role{display:inline-block;font-size:10.5px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;border-radius:5px;padding:1px 7px}
.role.keep{background:var(--merge-bg);color:var(--merge)}
.role.dup{background:#f1f5f9;color:var(--muted)}
.choices{font-size:12px;color:var(--muted);margin-top:6px}
.choices code{background:#f8fafc;border:1px solid var(--line);border-radius:4px;padding:0 4px;color:var(--ink2)}
.reason{font-weight:600;color:var(--conflict);margin-bottom:8px}
.cands{width:100%;font-size:13px;border:1px solid var(--line);border-radius:8px;border-collapse:separate;border-spacing:0;overflow:hidden;margin-bottom:8px}
.cands .cand{width:42%}.cands .sc{width:64px}
.cands>thead th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);text-align:left;font-weight:600;padding:6px 10px;background:#fffbeb}
.cands td{padding:7px 10px;border-top:1px solid var(--line2);vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
details summary{cursor:pointer;color:var(--update);font-size:12.5px;font-weight:600;margin:2px 0 6px}
.follow{margin:6px 0 0;padding-left:18px;font-size:12.5px}
.decide{font-size:12.5px;color:var(--ink2);margin-top:6px;padding:6px 10px;background:#fffbeb;border:1px dashed #fcd34d;border-radius:8px}
.decide code{background:#fff;border:1px solid #fde68a;border-radius:4px;padding:0 4px}
.ev{font-size:12.5px}
.rule{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;padding:2px 7px;border-radius:5px;background:#f1f5f9;color:var(--ink2)}
.r-fuzzy{background:#e0e7ff;color:#3730a3}.r-email{background:#e0f2fe;color:#075985}.r-syncro-id{background:#dcfce7;color:#166534}
.score{margin-left:6px;font-weight:700;font-variant-numeric:tabular-nums}
.weights{width:100%;margin-top:6px}
.weights th{font-family:var(--mono);font-size:11.5px;font-weight:500;text-align:left;color:var(--ink2);padding:1px 8px 1px 0;white-space:nowrap}
.weights td{padding:1px 0}
.weights .lvl{color:var(--muted);font-size:11.5px;padding-right:8px;white-space:nowrap}
.weights .bar{width:45%;min-width:60px}
.weights .bar span{display:block;height:7px;border-radius:4px}
.weights .pos{background:linear-gradient(90deg,#4ade80,#16a34a)}
.weights .neg{background:linear-gradient(90deg,#f87171,#dc2626)}
.weights .num{font-size:11.5px;padding-left:8px;color:var(--ink2)}
.ev-text{color:var(--muted);margin-top:4px;overflow-wrap:anywhere}
.issues{margin:0;padding:0;list-style:none}
.issues li{margin:2px 0}
.pill{display:inline-block;font-size:10.5px;font-weight:700;text-transform:uppercase;letter-spacing:.05em;border-radius:999px;padding:1px 8px}
.p-error{background:var(--danger-bg);color:var(--danger)}.p-warning{background:var(--conflict-bg);color:var(--conflict)}
.val{font-family:var(--mono);font-size:12px;color:var(--ink2);overflow-wrap:anywhere}
.rejects th.num{text-align:right}
.rejects td,.plain td{padding:8px 14px;border-bottom:1px solid var(--line2);vertical-align:top;font-size:13px}
.empty{padding:28px;text-align:center;color:var(--muted)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0}
.grid2>div{padding:4px 8px 12px}
.plain code{word-break:break-all;font-size:11.5px;color:var(--muted)}
.grid2 h3{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:12px 18px 4px}
.foot{color:var(--muted);font-size:12px;padding:8px 0 36px;text-align:center}
.foot code{color:var(--ink2)}
@media (max-width:900px){.c-why{display:none}.wrap{padding:0 14px}}
@media print{.toolbar{display:none}.hero{padding-bottom:24px}.cards{margin-top:12px}.card,.panel{box-shadow:none}body{background:#fff}}
`;
