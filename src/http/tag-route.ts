// The web tag a publisher pastes, and the unit it shows.
//   GET /v1/tag.js: loads asynchronously, fetches the HTML unit once the slot nears the viewport
//     and shows it in a sandboxed frame (no script runs inside it). The impression counts by the
//     MRC display standard: at least half the unit (30% from 242,500 px up) on screen for one
//     continuous second in a visible tab, measured by the tag (IntersectionObserver + a timer
//     that restarts whenever the unit leaves view), never on load or on nearing the viewport.
//   GET /v1/tag/unit: the HTML unit without its own pixel; its signed impression URL comes in
//     `X-Vitrine-Impression` for the tag to fire once the unit was viewable. Any page may read it
//     (no credentials): it is the same public unit `/v1/creative` serves.
import type { Hono } from 'hono';
import { badParam } from '../domain/errors.ts';
import { parseSize, SIZE_KEYS } from '../domain/sizes.ts';
import { creativeBody, signLinks } from '../services/creative.ts';
import { decideRequest } from '../services/decide-request.ts';
import { originOf, type ServeDeps } from '../services/serve-deps.ts';
import { creativeHeaders } from './creative-route.ts';

const PASS = ['campaign', 'placement', 'size', 'region', 'country', 'tz', 'weather', 'device', 'lang', 'test'];
/** Ads of at least this many pixels are viewable at 30% in view (MRC); smaller ones at 50%. */
const LARGE_AD_PX = 242_500;

/**
 * `unit` is the plain unit (its own pixel counts on render): shown only where the browser cannot
 * measure (no IntersectionObserver or fetch) or the measured unit could not be fetched.
 */
function tagScript(unit: string, measured: string, w: number, h: number, lang: string | undefined): string {
  const need = w * h >= LARGE_AD_PX ? 0.3 : 0.5;
  // No user data is read or written here; the script places a frame and fires one beacon.
  return `(function(){
var s=document.currentScript;if(!s)return;
var u=${JSON.stringify(unit)},m=${JSON.stringify(measured)},need=${need};
var box=document.createElement('div');box.style.cssText='display:inline-block;width:${w}px;height:${h}px;overflow:hidden';
s.parentNode.insertBefore(box,s.nextSibling);
var l=${JSON.stringify(lang ?? '')}||((navigator.language||'en').slice(0,2)==='ar'?'ar':'en');
var q='&lang='+encodeURIComponent(l);
function frame(){var f=document.createElement('iframe');
f.width='${w}';f.height='${h}';f.title='Advertisement';f.setAttribute('scrolling','no');
f.setAttribute('sandbox','allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
f.style.cssText='border:0;display:block;width:${w}px;height:${h}px';return f;}
function plain(){if(box.firstChild)return;var f=frame();f.src=u+q;box.appendChild(f);box.setAttribute('data-vitrine','unmeasured');}
var imp=null,inView=false,timer=0,done=false;
function check(){if(done)return;
if(imp&&inView&&!document.hidden){if(!timer)timer=setTimeout(function(){timer=0;if(done||!inView||document.hidden)return;done=true;
var p=new Image();p.src=imp;box.__vitrinePixel=p;box.setAttribute('data-vitrine','counted');},1000);}
else if(timer){clearTimeout(timer);timer=0;}}
function show(){if(box.firstChild)return;box.setAttribute('data-vitrine','loading');
fetch(m+q,{credentials:'omit'}).then(function(r){if(!r.ok)throw new Error('unit '+r.status);var i=r.headers.get('X-Vitrine-Impression');
return r.text().then(function(t){if(box.firstChild)return;var f=frame();
f.onload=function(){if(imp!==null||!i)return;imp=i;box.setAttribute('data-vitrine','rendered');check();};f.srcdoc=t;box.appendChild(f);});
})['catch'](plain);}
if(!('IntersectionObserver' in window)||!window.fetch){plain();return;}
var near=new IntersectionObserver(function(es,o){for(var i=0;i<es.length;i++)if(es[i].isIntersecting){o.disconnect();show();}},{rootMargin:'200px'});near.observe(box);
var seen=new IntersectionObserver(function(es,o){var e=es[es.length-1];inView=e.isIntersecting&&e.intersectionRatio>=need;check();if(done)o.disconnect();},{threshold:[0,need,1]});seen.observe(box);
document.addEventListener('visibilitychange',check);
})();`;
}

/** The query the tag passes on: only the slot and context parameters (never a user id). */
function unitQuery(q: Record<string, string>, size: { w: number; h: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const k of PASS) if (q[k] && k !== 'lang') params.set(k, q[k]!);
  if (!params.has('size')) params.set('size', `${size.w}x${size.h}`);
  return params;
}

export function mountTag(app: Hono, deps: ServeDeps): void {
  app.get('/v1/tag.js', (c) => {
    const q = c.req.query();
    if (!q.campaign && !q.placement) throw badParam('placement', 'required (or campaign)');
    const size = parseSize(q.size ?? '300x250');
    if (!size) throw badParam('size', `unsupported size "${q.size}"`, SIZE_KEYS);
    const params = unitQuery(q, size);
    const origin = originOf(deps, c.req.url);
    const measured = `${origin}/v1/tag/unit?${params.toString()}`;
    params.set('format', 'html');
    const unit = `${origin}/v1/creative?${params.toString()}`;
    return c.body(tagScript(unit, measured, size.w, size.h, q.lang), 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });

  app.get('/v1/tag/unit', async (c) => {
    const q = c.req.query();
    if (!q.campaign && !q.placement) throw badParam('placement', 'required (or campaign)');
    const size = parseSize(q.size ?? '');
    if (!size) throw badParam('size', `unsupported size "${q.size}"`, SIZE_KEYS);
    const params = Object.fromEntries(unitQuery(q, size));
    if (q.lang) params.lang = q.lang;
    params.format = 'html';
    const rd = await decideRequest(deps, params);
    const links = await signLinks(deps, rd, originOf(deps, c.req.url), params.test === '1', false);
    const out = await creativeBody(deps, rd, 'html', links, false, false);
    const headers = creativeHeaders(rd, {
      'Content-Type': out.contentType,
      'Cache-Control': 'no-store',
      'X-Vitrine-Impression': links.impression,
      ...(out.fallback ? { 'X-Vitrine-Fallback': out.fallback } : {}),
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'X-Vitrine-Impression, X-Vitrine-Decision',
    });
    return new Response(out.body as BodyInit, { status: 200, headers });
  });
}
