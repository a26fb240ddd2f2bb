/**
 * What audit.html adds to the plan report's stylesheet (REPORT_CSS, reused
 * as is): cluster cards, the side-by-side member grid with its difference
 * highlights, the legend and the trend callout.
 */
export const AUDIT_CSS = `
.cards.audit{grid-template-columns:repeat(8,minmax(0,1fr))}
.card .v .up{font-size:15px;font-weight:600;color:var(--muted);margin-left:4px}
.callout.trend{background:#eff6ff;border-color:#bfdbfe;color:#1e3a8a;display:flex;flex-wrap:wrap;gap:6px 22px;align-items:baseline}
.callout.trend b{font-weight:650}
.callout.trend .t{font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:12px;color:var(--muted);margin-top:10px}
.legend span{display:inline-flex;align-items:center;gap:6px}
.legend i{display:inline-block;width:14px;height:14px;border-radius:4px;border:1px solid var(--line)}
.legend .sw-keep{background:#f5f3ff;border-color:#ddd6fe}.legend .sw-diff{background:#ffedd5;border-color:#fdba74}
.legend .sw-fmt{background:#fff7ed;border-color:#fed7aa;border-style:dashed}.legend .sw-chg{background:var(--create-bg);border-color:#86efac}
.clusters{padding:6px 18px 18px}
.cluster{border:1px solid var(--line);border-radius:12px;margin:14px 0 0;background:#fff;overflow:hidden;border-left:4px solid var(--tone,#cbd5e1)}
.cluster.k-customers{--tone:var(--merge)}.cluster.k-contacts{--tone:var(--update)}.cluster.k-across{--tone:var(--conflict)}
.cl-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px 12px;padding:11px 16px;background:#fafbfd;border-bottom:1px solid var(--line2)}
.cl-head h3{margin:0;font-size:15px;font-weight:650;overflow-wrap:anywhere;flex:1 1 320px}
.cl-head .sc{font-size:12px;color:var(--muted);white-space:nowrap}
.cl-head .sc b{font-size:15px;color:var(--ink);font-variant-numeric:tabular-nums;margin-left:4px}
.cl-head code{color:#94a3b8}
.k-contacts .badge{color:var(--update);background:var(--update-bg)}
.cl-body{display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:0}
@media (max-width:1100px){.cl-body{grid-template-columns:1fr}.cl-side{border-left:0!important;border-top:1px solid var(--line2)}}
.cl-grid{overflow-x:auto;padding:10px 14px 12px}
.grid{width:100%;font-size:13px;border-collapse:separate;border-spacing:0}
.grid th,.grid td{padding:5px 9px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line2);overflow-wrap:anywhere;white-space:pre-wrap}
.grid thead th{font-size:12.5px;font-weight:600;background:#fff;border-bottom:1px solid var(--line);min-width:150px}
.grid thead th.f{min-width:0;width:1%}
.grid thead .sid{margin-right:4px}
.grid thead .mname{font-weight:650;color:var(--ink);margin-top:3px}
.grid tbody th{font-family:var(--mono);font-size:11.5px;font-weight:500;color:var(--muted);white-space:nowrap;width:1%}
.grid .keep{background:#f5f3ff}
.grid thead th.keep{background:#ede9fe;border-radius:8px 8px 0 0}
.grid td.d-differs{background:#ffedd5;box-shadow:inset 3px 0 0 #fb923c}
.grid td.d-format{background:#fff7ed;box-shadow:inset 3px 0 0 #fed7aa}
.grid .after{border-left:2px solid var(--line)}
.grid thead th.after{color:var(--create)}
.grid td.after.chg{background:var(--create-bg);color:#14532d;font-weight:600}
.grid tr.g-date td,.grid tr.g-date th{color:var(--muted);font-size:12px}
.grid tr.g-linked td{font-variant-numeric:tabular-nums}
.grid tr.starts>*{border-top:1px solid #cbd5e1}
.grid .blank{color:#cbd5e1}
.cl-side{border-left:1px solid var(--line2);padding:10px 16px 14px;font-size:13px}
.cl-side h4{font-size:11px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:8px 0 4px}
.cl-side .pairs{margin-top:6px}.cl-side .pairs ul{margin:0;padding-left:16px;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.cl-side .surv{margin:0 0 4px}
.cl-side .steps{color:var(--ink2);margin:0}
.decide.choices{display:block}
.across-body{padding:12px 16px;display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:14px}
@media (max-width:1100px){.across-body{grid-template-columns:1fr}}
.across-body ul{margin:6px 0 0;padding-left:18px}
.across-body .reason{margin-bottom:4px}
.rules td:first-child{white-space:nowrap;color:var(--muted);width:1%}
`;
