// Slots → a self-contained HTML unit: the very element tree the image is drawn from,
// serialized with inline CSS. No scripts, no external resources; every string is escaped.
import type { TemplateId } from '../domain/types.ts';
import { escapeHtml } from './escape.ts';
import { templateTree } from './tree.ts';
import type { Slots, Template, TextMeasure, VChild, VNode } from './types.ts';

/** A brand kit font the unit loads: its family as the tree names it, and a data: URI or an asset URL. */
export interface FontEmbed {
  family: string;
  src: string;
  format: 'truetype' | 'opentype' | 'woff' | 'woff2';
  /** The face's own weight (its OS/2 weight class): bold text in a regular-only kit is then synthesized, as the engine does. */
  weight: number;
}

export interface HtmlDeps {
  templates: Record<TemplateId, Template>;
  measure: TextMeasure;
  /** The click-through URL (or a placeholder the caller swaps per request). */
  clickHref: string;
  /** The brand kit's fonts: the browser draws the face the image was drawn and measured with. */
  fonts?: FontEmbed[];
}

/**
 * `@font-face` rules for the kit's fonts, each at its own weight: a kit with only a regular face
 * gets the browser's synthetic bold for bold copy, which is what the engine draws (takumi emboldens
 * a face lighter than the weight asked for). A range (100 900) would stop the synthesis: the HTML
 * unit would show regular where the image shows bold.
 */
export function fontFaceCss(fonts: FontEmbed[] | undefined): string {
  // Family names and sources are ours (kit-<asset id>, data: or our asset path), quoted and stripped of quotes anyway.
  const q = (s: string) => s.replace(/["'\\<>]/g, '');
  return (fonts ?? []).map((f) => `@font-face{font-family:'${q(f.family)}';src:url('${q(f.src)}') format('${f.format}');font-weight:${Math.round(f.weight) || 400};font-style:normal;font-display:block}`).join('');
}

const UNITLESS = new Set(['lineHeight', 'fontWeight', 'opacity', 'flex', 'flexGrow', 'flexShrink', 'zIndex']);

function kebab(k: string): string {
  return k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function cssText(style: Record<string, string | number> | undefined): string {
  if (!style) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(style)) {
    if (v === undefined || v === null || v === '') continue;
    const value = typeof v === 'number' && !UNITLESS.has(k) ? `${Math.round(v * 100) / 100}px` : String(v);
    parts.push(`${kebab(k)}:${value}`);
  }
  // Lines are fitted with the bundled fonts; a browser substituting a wider font clips with an ellipsis rather than overflowing.
  if (style.whiteSpace === 'nowrap') parts.push('overflow:hidden', 'text-overflow:ellipsis', 'max-width:100%');
  return parts.join(';');
}

function children(node: VNode): VChild[] {
  const c = node.props.children;
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

function serialize(node: VChild, ctx: { href: string; label: string }, out: string[]): void {
  const href = ctx.href;
  if (node === null || node === undefined || node === false) return;
  if (typeof node === 'string' || typeof node === 'number') {
    out.push(escapeHtml(String(node)));
    return;
  }
  const style = cssText(node.props.style);
  const role = typeof node.props['data-role'] === 'string' ? (node.props['data-role'] as string) : null;
  if (node.type === 'img') {
    const src = String(node.props.src ?? '');
    // Only inlined pictures: the unit must not call out to any host.
    if (!src.startsWith('data:image/')) return;
    out.push(`<img${role ? ` class="v-${escapeHtml(role)}"` : ''} src="${escapeHtml(src)}" alt="" width="${Number(node.props.width) || 0}" height="${Number(node.props.height) || 0}" style="${escapeHtml(style)}">`);
    return;
  }
  const tag = role === 'cta' ? 'a' : 'div';
  const attrs = [`style="${escapeHtml(role === 'unit' ? `${style};position:relative` : style)}"`];
  if (role) attrs.unshift(`class="v-${escapeHtml(role)}"`);
  if (role === 'cta') attrs.push(`href="${escapeHtml(href)}"`, 'target="_blank"', 'rel="noopener"');
  out.push(`<${tag} ${attrs.join(' ')}>`);
  for (const c of children(node)) serialize(c, ctx, out);
  // The whole unit is clickable; the CTA stays the visible buy button on top.
  if (role === 'unit') out.push(`<a class="v-cover" href="${escapeHtml(href)}" target="_blank" rel="noopener" aria-label="${escapeHtml(ctx.label)}"></a>`);
  out.push(`</${tag}>`);
}

const BASE_CSS = [
  'html,body{margin:0;padding:0;background:transparent}',
  "body{font-family:'Noto Sans','Noto Sans Arabic',system-ui,-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;-webkit-font-smoothing:antialiased}",
  'div,a{box-sizing:border-box;display:flex;flex-shrink:1}',
  '.v-cover{position:absolute;top:0;left:0;right:0;bottom:0;z-index:1}',
  '.v-cta{position:relative;z-index:2;text-decoration:none;cursor:pointer}',
].join('');

export function renderHtml(slots: Slots, deps: HtmlDeps): string {
  const tree = templateTree(slots, { templates: deps.templates, measure: deps.measure });
  const body: string[] = [];
  serialize(tree, { href: deps.clickHref, label: `${slots.brandName}: ${slots.headline}` }, body);
  const { w, h } = slots.size;
  const title = escapeHtml(`${slots.brandName}: ${slots.headline}`);
  return (
    `<!doctype html><html lang="${slots.lang}" dir="${slots.dir}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=${w},height=${h}"><title>${title}</title><style>${fontFaceCss(deps.fonts)}${BASE_CSS}body{width:${w}px;height:${h}px;overflow:hidden}</style></head>` +
    `<body>${body.join('')}</body></html>`
  );
}
