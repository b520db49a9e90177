// The campaign editor's stylesheet and script, served from /studio/assets/ beside the studio's own.
import type { StudioAsset } from './assets.ts';
import { EDITOR_JS } from './editor-client.ts';

const EDITOR_CSS = `
.editor{display:grid;grid-template-columns:minmax(0,1fr);gap:16px;align-items:start}
@media (min-width:1100px){.editor{grid-template-columns:minmax(0,1.15fr) minmax(0,1fr)}.preview-panel{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}}
.editor-form{display:flex;flex-direction:column;gap:14px}
.editor-form fieldset.section,.editor-form fieldset[data-group]{background:#fff;display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px 14px}
.editor-form fieldset.section>legend,.editor-form fieldset[data-group]>legend{font-size:1rem}
.editor-form label,.preview-panel label{flex-direction:column;align-items:stretch;font-weight:600}
.editor-form fieldset[data-group] label,.editor-form label.inline,.preview-panel .inline-group label{font-weight:400;flex-direction:row;align-items:center;gap:6px}
.variant,fieldset.copy,.conds{flex-wrap:nowrap;align-content:stretch}
.conds>button,.editor-form>section>button{align-self:flex-start}
.editor-form label .muted{font-weight:400}
.badge.live,.badge.approved{background:#d1fae5;color:var(--ok)}.badge.draft,.badge.in_review{background:#e0e7ff;color:#3730a3}
.editor-form fieldset .muted,.editor-form .field-error{grid-column:1/-1}
.editor-form label .field-error,.editor-form label .muted{grid-column:auto}
.editor-form input:not([type=checkbox]):not([type=radio]),.editor-form select{width:100%}
.editor-form input[type=color]{padding:2px;height:36px}
.editor-form details,.tz-list,.matches{grid-column:1/-1}
.editor-form .row{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px 14px;align-items:end}
.variant{background:#fff;display:flex;flex-direction:column;gap:10px;margin-block-end:12px}
.variant>legend{font-size:1.05rem}
.copies{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:10px}
fieldset.copy{display:flex;flex-direction:column;gap:6px}
fieldset.copy label{flex-direction:column;align-items:stretch;font-weight:600}
fieldset.copy[data-lang=ar]{direction:rtl}
.ph-bar{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.conds{display:flex;flex-direction:column;gap:8px}
.cond{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;border-block-end:1px dashed var(--line);padding-block-end:8px}
.cond label{flex-direction:column;align-items:stretch;font-weight:600}
.cond select[multiple]{min-height:84px}
label.inline{flex-direction:row;align-items:center;gap:6px;font-weight:400}
button.danger{color:var(--bad);border-color:var(--bad)}
.save-bar{position:sticky;bottom:0;background:var(--bg);padding:8px 0;border-block-start:1px solid var(--line)}
.preview-panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px}
.preview-panel .row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
.inline-group{display:flex;gap:12px}
.pv-cells{display:flex;flex-direction:column;gap:14px;margin-top:8px}
.pv-cell{margin:0;max-width:100%}
.pv-cell img{display:block;max-width:100%;height:auto;border:1px solid var(--line);background:#fff}
.pv-frame{overflow:hidden;max-width:100%;border:1px solid var(--line)}
.pv-frame iframe{border:0;transform-origin:0 0;display:block;background:#fff}
.pv-cell figcaption{font-size:.85rem;color:var(--muted);margin-top:4px}
.warnings{margin:4px 0;padding-inline-start:18px;color:var(--warn);font-size:.9rem}
.matches p{margin:.4em 0}.matches .sample{margin:2px 0;padding-inline-start:18px;font-size:.85rem;color:var(--muted)}
.tz-list ul{margin:4px 0}
@media (max-width:640px){.save-bar .muted{display:none}}
`;

export const EDITOR_ASSETS: ReadonlyMap<string, StudioAsset> = new Map([
  ['editor.js', { body: EDITOR_JS, type: 'text/javascript; charset=utf-8' }],
  ['editor.css', { body: EDITOR_CSS, type: 'text/css; charset=utf-8' }],
]);
