// Form controls of the campaign editor: every control has a label, carries the document field path
// as its name, and shows the server's error for that path next to it (aria-describedby).
import { html } from 'hono/html';
import type { Html } from './layout.ts';
import type { DraftDoc } from './editor-form.ts';

export type Errors = ReadonlyMap<string, string>;

/** A DOM id for a field path (`variants.0.copy.en.headline` → `f-variants-0-copy-en-headline`). */
export const fid = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The value at a dotted path of the draft document. */
export function valueAt(doc: DraftDoc, path: string): unknown {
  let cur: unknown = doc;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Text of a value for an input: lists comma-joined, nothing as empty. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
}

export function errorSpan(name: string, errors: Errors): Html {
  const e = errors.get(name);
  return html`<span class="field-error" id="${fid(name)}-error" data-error-for="${name}"${e ? '' : html` hidden`}>${e ?? ''}</span>`;
}

function described(name: string, errors: Errors, help?: string): Html {
  const ids = [...(help ? [`${fid(name)}-help`] : []), `${fid(name)}-error`].join(' ');
  return html` aria-describedby="${ids}"${errors.has(name) ? html` aria-invalid="true"` : ''}`;
}

export interface InputOpts {
  type?: string;
  help?: string;
  dir?: 'rtl' | 'ltr';
  lang?: string;
  required?: boolean;
  list?: string;
  step?: string;
  min?: string;
  max?: string;
  placeholder?: string;
  inputmode?: string;
  cls?: string;
  value?: string;
}

export function input(doc: DraftDoc, errors: Errors, name: string, label: string, o: InputOpts = {}): Html {
  const value = o.value ?? textOf(valueAt(doc, name));
  return html`<label class="${o.cls ?? ''}" for="${fid(name)}">${label}
<input id="${fid(name)}" name="${name}" type="${o.type ?? 'text'}" value="${value}"${o.dir ? html` dir="${o.dir}"` : ''}${o.lang ? html` lang="${o.lang}"` : ''}${o.required ? html` required` : ''}${o.list ? html` list="${o.list}"` : ''}${o.step ? html` step="${o.step}"` : ''}${o.min ? html` min="${o.min}"` : ''}${o.max ? html` max="${o.max}"` : ''}${o.placeholder ? html` placeholder="${o.placeholder}"` : ''}${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${described(name, errors, o.help)}>
${o.help ? html`<span class="muted" id="${fid(name)}-help">${o.help}</span>` : ''}${errorSpan(name, errors)}</label>`;
}

export function select(doc: DraftDoc, errors: Errors, name: string, label: string, options: Array<[string, string]>, o: { help?: string; value?: string } = {}): Html {
  const cur = o.value ?? textOf(valueAt(doc, name));
  return html`<label for="${fid(name)}">${label}
<select id="${fid(name)}" name="${name}"${described(name, errors, o.help)}>${options.map(([v, l]) => html`<option value="${v}"${v === cur ? html` selected` : ''}>${l}</option>`)}</select>
${o.help ? html`<span class="muted" id="${fid(name)}-help">${o.help}</span>` : ''}${errorSpan(name, errors)}</label>`;
}

/** A checkbox group: one name, many values (regions, sizes, channels, placements). */
export function checks(doc: DraftDoc, errors: Errors, name: string, legend: string, options: Array<[string, string]>, o: { help?: string; checked?: readonly string[] } = {}): Html {
  const cur = new Set((o.checked ?? (valueAt(doc, name) as unknown[] | undefined) ?? []).map(String));
  return html`<fieldset id="${fid(name)}" data-group="${name}"${described(name, errors, o.help)}><legend>${legend}</legend>
${options.map(([v, l]) => html`<label><input type="checkbox" name="${name}" value="${v}"${cur.has(v) ? html` checked` : ''}> <span>${l}</span></label>`)}
${o.help ? html`<p class="muted" id="${fid(name)}-help">${o.help}</p>` : ''}${errorSpan(name, errors)}</fieldset>`;
}
