// GET /v1/tag.js: the ad tag a publisher pastes. It loads asynchronously, waits until the slot
// is near the viewport, then frames the HTML unit; the unit's own pixel fires the impression
// only once it has rendered.
import type { Hono } from 'hono';
import { badParam } from '../domain/errors.ts';
import { parseSize, SIZE_KEYS } from '../domain/sizes.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';

const PASS = ['campaign', 'placement', 'size', 'region', 'country', 'tz', 'weather', 'device', 'lang', 'test'];

function tagScript(unitUrl: string, w: number, h: number, lang: string | undefined): string {
  // No user data is read or written here; the script only places an iframe.
  return `(function(){
var s=document.currentScript;if(!s)return;
var u=${JSON.stringify(unitUrl)};
var box=document.createElement('div');box.style.cssText='display:inline-block;width:${w}px;height:${h}px;overflow:hidden';
s.parentNode.insertBefore(box,s.nextSibling);
function show(){if(box.firstChild)return;var f=document.createElement('iframe');
var l=${JSON.stringify(lang ?? '')}||((navigator.language||'en').slice(0,2)==='ar'?'ar':'en');
f.src=u+'&lang='+encodeURIComponent(l);
f.width='${w}';f.height='${h}';f.title='Advertisement';f.loading='lazy';f.setAttribute('scrolling','no');
f.setAttribute('sandbox','allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
f.style.cssText='border:0;width:${w}px;height:${h}px';box.appendChild(f);}
if('IntersectionObserver' in window){var o=new IntersectionObserver(function(es){for(var i=0;i<es.length;i++)if(es[i].isIntersecting){o.disconnect();show();}},{rootMargin:'200px'});o.observe(box);}else{show();}
})();`;
}

export function mountTag(app: Hono, deps: ServeDeps): void {
  app.get('/v1/tag.js', (c) => {
    const q = c.req.query();
    if (!q.campaign && !q.placement) throw badParam('placement', 'required (or campaign)');
    const size = parseSize(q.size ?? '300x250');
    if (!size) throw badParam('size', `unsupported size "${q.size}"`, SIZE_KEYS);
    const params = new URLSearchParams();
    for (const k of PASS) if (q[k] && k !== 'lang') params.set(k, q[k]!);
    if (!params.has('size')) params.set('size', `${size.w}x${size.h}`);
    params.set('format', 'html');
    const unitUrl = `${originOf(deps, c.req.url)}/v1/creative?${params.toString()}`;
    return c.body(tagScript(unitUrl, size.w, size.h, q.lang), 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
}
