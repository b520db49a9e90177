// The review pages' stylesheet (served as /studio/assets/review.css): status badges for every
// lifecycle state, severities, the diff table, stacked forms, the danger button. Logical properties only (RTL).
export const REVIEW_CSS = `
.badge.draft{background:#e5e7eb;color:#374151}.badge.in_review{background:#dbeafe;color:#1e40af}.badge.approved,.badge.live{background:#d1fae5;color:var(--ok)}
.badge.ended,.badge.archived,.badge.superseded{background:#f3f4f6;color:#4b5563}.badge.rejected{background:#fee2e2;color:var(--bad)}
.sev{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.8rem;font-weight:700}.sev.blocking{background:#fee2e2;color:var(--bad)}.sev.warning{background:#fef3c7;color:var(--warn)}
.preflight-card{margin-block:12px}.preflight-card h2{margin-block-start:0}
form.stack{display:flex;flex-direction:column;gap:8px;margin-block:12px;max-width:720px}form.stack h2{margin:0}
button.danger{background:var(--bad);border-color:var(--bad)}
a.button.secondary-link{background:#fff;color:var(--brand);border:1px solid var(--brand)}
table.diff td.before{background:#fef2f2}table.diff td.after{background:#ecfdf5}
.variant-change h3{font-size:1rem;margin:1em 0 .3em}.variant-change.added h3{color:var(--ok)}.variant-change.removed h3{color:var(--bad)}
ol.history{padding-inline-start:22px}ol.history>li{margin-block-end:10px}ul.comments{margin:4px 0;padding-inline-start:18px}
blockquote{margin:6px 0;padding:6px 10px;border-inline-start:4px solid var(--line);background:#f9fafb}
.confirm ul{margin:4px 0;padding-inline-start:20px}
@media (max-width:640px){table.preflight thead{display:none}table.preflight,table.preflight tbody,table.preflight tr,table.preflight td{display:block;width:100%}
 table.preflight tr{border:1px solid var(--line);margin-block-end:8px}table.preflight td{border:none;padding:3px 8px}
 table.preflight td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted);font-weight:600}}
`;
