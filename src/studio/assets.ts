// The studio's own stylesheet and client script, served from /studio/assets/ (never a CDN). The
// charting library (uPlot, from npm) is handed in by the runtime: Node reads it from node_modules,
// the worker bundles it as text (wrangler.toml rule). Logical CSS properties make RTL free.

import { EDITOR_ASSETS } from './editor-assets.ts';
import { REVIEW_CSS } from './review-assets.ts';

export interface StudioAsset {
  body: string;
  type: string;
}

/** Files the runtime hands the app: `uplot.js` and `uplot.css`. */
export type StudioAssetFiles = ReadonlyMap<string, StudioAsset>;

const CSS = `
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--bg:#f9fafb;--brand:#0f766e;--bad:#b91c1c;--warn:#92400e;--ok:#065f46;font-family:"Noto Sans","Noto Sans Arabic",system-ui,sans-serif;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0;line-height:1.45}
a{color:var(--brand)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-9999px}.skip:focus{inset-inline-start:8px;top:8px;background:#fff;padding:8px;z-index:9}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;padding:10px 20px;background:#fff;border-block-end:1px solid var(--line)}
header.top .brand{font-weight:700;font-size:1.1rem;color:var(--ink);text-decoration:none}
nav.main ul{display:flex;flex-wrap:wrap;gap:4px 14px;list-style:none;margin:0;padding:0}
nav.main a{text-decoration:none;padding:4px 2px}nav.main a[aria-current=page]{border-block-end:3px solid var(--brand);font-weight:600}
.who{margin-inline-start:auto;color:var(--muted);font-size:.9rem;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
main{padding:16px 20px;max-width:1400px}
h1{font-size:1.5rem;margin:.2em 0 .6em}h2{font-size:1.2rem;margin:1.4em 0 .5em}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid var(--line);padding:6px 8px;text-align:start;vertical-align:top}
th{background:#f3f4f6;font-weight:600}
.table-wrap{overflow-x:auto}
form.filters,form.grid-form{display:flex;flex-wrap:wrap;gap:10px 16px;align-items:flex-end;background:#fff;border:1px solid var(--line);padding:12px;border-radius:6px}
label{display:flex;flex-direction:column;gap:3px;font-size:.9rem;font-weight:600}
fieldset{border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin:0;display:flex;flex-wrap:wrap;gap:4px 14px;align-content:flex-start}legend{font-weight:600;font-size:.9rem;padding:0 4px}
fieldset label{flex-direction:row;align-items:center;font-weight:400;gap:6px}
input,select,textarea,button{font:inherit;padding:6px 8px;border:1px solid #9ca3af;border-radius:4px;background:#fff;color:var(--ink);min-height:36px}
button,.button{background:var(--brand);color:#fff;border-color:var(--brand);cursor:pointer;text-decoration:none;display:inline-block;padding:6px 12px;border-radius:4px}
button.secondary{background:#fff;color:var(--brand)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.8rem;font-weight:600}
.badge.active{background:#d1fae5;color:var(--ok)}.badge.paused{background:#fef3c7;color:var(--warn)}
.error{color:var(--bad);font-weight:600}.field-error{color:var(--bad);font-size:.85rem;font-weight:400}
.notice{background:#ecfdf5;border:1px solid #a7f3d0;padding:8px 12px;border-radius:6px}
.alert{background:#fef2f2;border:1px solid #fecaca;padding:8px 12px;border-radius:6px;color:var(--bad)}
.muted{color:var(--muted);font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px}
.scenario{background:#fff;border:1px solid var(--line);border-radius:6px;padding:12px;margin:12px 0;break-inside:avoid}
.cells{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
.cell{margin:0;max-width:100%}.cell img{display:block;max-width:100%;height:auto;border:1px solid var(--line);background:#fff}
.cell figcaption{font-size:.85rem;color:var(--muted);margin-top:4px;max-width:320px}
.why{font-size:.9rem}.why b{color:var(--ok)}
.chart{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px;margin:8px 0;overflow-x:auto;direction:ltr}
.spark{vertical-align:middle}
progress{width:100%;max-width:480px;height:18px}
.share-link{word-break:break-all;background:#fff;border:1px dashed var(--line);padding:6px}
.actions{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.windows{margin:4px 0 0;padding-inline-start:18px;font-size:.85rem}
[dir=rtl] .ltr{direction:ltr;unicode-bidi:isolate}
@media (max-width:640px){main{padding:12px}header.top{padding:8px 12px}.who{margin-inline-start:0;width:100%}
 th,td{padding:4px 6px;font-size:.9rem}form.filters>*,form.grid-form>*{flex:1 1 100%}.hide-narrow{display:none}}
@media print{header.top,nav,form,.no-print,.skip{display:none!important}body{background:#fff}main{padding:0;max-width:none}
 .scenario{border:none;border-block-end:1px solid #999;border-radius:0;page-break-inside:avoid}a{color:inherit;text-decoration:none}}
`;

// Small client: charts from the JSON the server embedded, feed upload with progress, print.
const JS = `
(function(){
  function el(tag, text){var e=document.createElement(tag); if(text!==undefined) e.textContent=String(text); return e;}
  document.querySelectorAll('[data-print]').forEach(function(b){b.addEventListener('click',function(){window.print();});});
  var data=document.getElementById('chart-data');
  if(data && window.uPlot){
    var d=JSON.parse(data.textContent||'{}');
    document.querySelectorAll('[data-chart]').forEach(function(box){
      var spec=d[box.getAttribute('data-chart')]; if(!spec) return;
      var w=Math.max(280, Math.min(box.clientWidth-16, 1100));
      var series=[{}].concat(spec.series.map(function(s){return {label:s.label, stroke:s.color, fill:s.fill||undefined, width:s.width||2, points:{show:true}};}));
      var opts={width:w,height:220,series:series,scales:{x:{time:true}},axes:[{},{size:60}]};
      if(spec.band){opts.bands=[{series:spec.band,fill:'rgba(15,118,110,0.15)'}];}
      new window.uPlot(opts,[spec.x].concat(spec.y),box);
      box.setAttribute('data-drawn','1');
    });
  }
  var form=document.querySelector('form[data-upload]');
  if(form){
    form.addEventListener('submit',function(ev){
      ev.preventDefault();
      var file=form.querySelector('input[type=file]').files[0]; if(!file) return;
      var kind=form.querySelector('select[name=kind]').value;
      var bar=document.getElementById('feed-progress'); var out=document.getElementById('feed-result');
      bar.hidden=false; bar.value=0; out.textContent='';
      var x=new XMLHttpRequest();
      x.open('POST', form.getAttribute('action')+'?kind='+encodeURIComponent(kind));
      x.setRequestHeader('Content-Type', /\\.xml$/i.test(file.name)?'application/xml':'text/tab-separated-values');
      x.upload.onprogress=function(e){ if(e.lengthComputable){ bar.value=Math.round(100*e.loaded/e.total); } };
      x.onload=function(){
        bar.value=100;
        var r; try{ r=JSON.parse(x.responseText); }catch(e){ out.textContent=x.responseText; return; }
        if(x.status>=400){ var p=el('p', (r.error&&r.error.message)||'error'); p.className='alert'; p.setAttribute('role','alert'); out.appendChild(p); return; }
        var s=el('p', form.getAttribute('data-done').replace('{ins}',r.inserted).replace('{upd}',r.updated).replace('{unch}',r.unchanged).replace('{rej}',r.rejected));
        s.className='notice'; s.setAttribute('role','status'); out.appendChild(s);
        if(r.problems && r.problems.length){
          var h=el('h3', form.getAttribute('data-rejected')); out.appendChild(h);
          var t=el('table'); var hr=el('tr'); ['data-row','data-field','data-reason'].forEach(function(a){hr.appendChild(el('th', form.getAttribute(a)));}); t.appendChild(hr);
          r.problems.forEach(function(row){ var tr=el('tr'); tr.appendChild(el('td', row.line)); tr.appendChild(el('td', row.field||'')); tr.appendChild(el('td', row.reason||'')); t.appendChild(tr); });
          var wrap=el('div'); wrap.className='table-wrap'; wrap.appendChild(t); out.appendChild(wrap);
        }
      };
      x.onerror=function(){ out.textContent='network error'; };
      x.send(file);
    });
  }
})();
`;

const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f766e"/><path d="M8 9l8 15 8-15" fill="none" stroke="#fff" stroke-width="3.5" stroke-linejoin="round"/></svg>';

export function studioAsset(name: string, files: StudioAssetFiles | undefined): StudioAsset | null {
  const editor = EDITOR_ASSETS.get(name);
  if (editor) return editor;
  if (name === 'studio.css') return { body: CSS, type: 'text/css; charset=utf-8' };
  if (name === 'studio.js') return { body: JS, type: 'text/javascript; charset=utf-8' };
  if (name === 'icon.svg') return { body: ICON, type: 'image/svg+xml' };
  if (name === 'review.css') return { body: REVIEW_CSS, type: 'text/css; charset=utf-8' };
  return files?.get(name) ?? null;
}
