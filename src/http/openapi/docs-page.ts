// /docs: a lean, server-rendered reference generated from the OpenAPI document. No scripts, no
// CDN, no bundle: it costs the Workers script only this file, and every string is escaped.
import { escapeHtml as e } from '../../render/escape.ts';

type Json = Record<string, unknown>;
interface Op { method: string; path: string; op: Json }

const CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem 1.5rem;color:#1d1d1f}
h2{margin-top:2.5rem;border-bottom:1px solid #ddd}section{margin:1.2rem 0;padding:.6rem .9rem;border:1px solid #e4e4e4;border-radius:6px}
code,pre{font:13px ui-monospace,monospace}pre{background:#f6f6f6;padding:.6rem;overflow:auto;max-height:22rem}
.m{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}.get{color:#0a7}.post{color:#06c}.put,.patch{color:#a60}.delete{color:#c22}
table{border-collapse:collapse}td,th{padding:.15rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}.muted{color:#666}`;

function ops(doc: Json): Map<string, Op[]> {
  const byTag = new Map<string, Op[]>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op.tags as string[] | undefined)?.[0] ?? 'Other';
      (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push({ method, path, op });
    }
  }
  return byTag;
}

const pre = (v: unknown) => `<pre>${e(JSON.stringify(v, null, 2))}</pre>`;

function opHtml({ method, path, op }: Op): string {
  const params = (op.parameters as Json[]).map((p) => `<tr><td><code>${e(String(p.name))}</code></td><td>${e(String(p.in))}${p.required ? ' · required' : ''}</td><td><code>${e(JSON.stringify(p.schema))}</code>${p.description ? ` <span class="muted">${e(String(p.description))}</span>` : ''}</td></tr>`).join('');
  const body = op.requestBody as { content: Record<string, { schema?: unknown }>; description?: string } | undefined;
  const responses = Object.entries(op.responses as Record<string, { description: string }>).map(([s, r]) => `<tr><td>${e(s)}</td><td>${e(r.description)}</td></tr>`).join('');
  const who = op.security ? `auth: ${e((op.security as Json[]).map((s) => Object.keys(s)[0]).join(' or '))}${op['x-vitrine-permission'] ? ` · permission <code>${e(String(op['x-vitrine-permission']))}</code>` : ''}` : 'public';
  return `<section id="${e(String(op.operationId))}"><div><span class="m ${e(method)}">${e(method)}</span> <code>${e(path)}</code></div>
<p>${e(String(op.summary ?? ''))} <span class="muted">(${who})</span></p>
${params ? `<table><tr><th>parameter</th><th>in</th><th>schema</th></tr>${params}</table>` : ''}
${body ? Object.entries(body.content).map(([type, c]) => `<p>Body: <code>${e(type)}</code>${body.description ? ` — ${e(body.description)}` : ''}</p>${c.schema ? pre(c.schema) : ''}`).join('') : ''}
<table><tr><th>status</th><th>meaning</th></tr>${responses}</table></section>`;
}

export function docsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const groups = [...ops(doc)];
  const toc = groups.map(([tag, list]) => `<li><a href="#tag-${e(tag.replace(/\W+/g, '-'))}">${e(tag)}</a> (${list.length})</li>`).join('');
  const sections = groups.map(([tag, list]) => `<h2 id="tag-${e(tag.replace(/\W+/g, '-'))}">${e(tag)}</h2>${list.map(opHtml).join('\n')}`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(info.title)} API</title><style>${CSS}</style></head>
<body><h1>${e(info.title)} API <small class="muted">${e(info.version)}</small></h1><p>${e(info.description)}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${e(String(doc.openapi))}).</p><ul>${toc}</ul>${sections}</body></html>`;
}
