// Streaming feed readers: bytes in, one record of attribute → values per product out, with the
// line it started on. Neither holds the whole file. Header and element names are read in the
// specification's spelling (`image link` = `Image_Link` = `g:image_link`), repeated columns and
// elements keep every value, and nested XML (g:shipping) is joined as its text-feed form.
import { SaxesParser } from 'saxes';
import { VitrineError } from '../domain/errors.ts';
import { attributeName, FeedFields } from './attributes.ts';
import { tsvRows } from './tsv.ts';

export interface FeedRecord {
  line: number;
  fields: FeedFields;
  /** Set when the row cannot be read as a record (wrong column count): rejected with this reason. */
  problem?: string;
}

export type FeedFormat = 'tsv' | 'xml';

/** Tab-separated text with a header row (Merchant Center "text feed"), quoting as in ./tsv.ts. */
export async function* readTsv(input: AsyncIterable<Uint8Array | string>, required: string[] = ['id']): AsyncGenerator<FeedRecord> {
  let header: string[] | null = null;
  for await (const row of tsvRows(input, () => header?.length ?? null)) {
    if (!header) {
      header = row.cells.map(attributeName);
      const have = new Set(header);
      const missing = required.filter((c) => !have.has(c));
      if (missing.length) throw new VitrineError('bad_request', `body: expected a tab-separated header row with ${required.join(', ')}; missing ${missing.join(', ')}`, 'body');
      continue;
    }
    const fields = new FeedFields();
    row.cells.forEach((v, i) => {
      if (i < header!.length) fields.add(header![i]!, v);
    });
    if (row.cells.length !== header.length) {
      yield { line: row.line, fields, problem: `expected ${header.length} tab-separated columns as in the header, got ${row.cells.length}; the row is not imported` };
      continue;
    }
    yield { line: row.line, fields };
  }
}

/** Elements whose children are joined `a:b:c:d` in text-feed order (Merchant Center's sub-attributes). */
const GROUPS = new Map<string, string[]>([
  ['shipping', ['country', 'region', 'service', 'price']],
  ['tax', ['country', 'region', 'rate', 'tax_ship']],
]);

/** RSS 2.0 with the `g:` namespace (Merchant Center XML feed); `<item>` children by local name. */
export async function* readXml(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<FeedRecord> {
  const sax = new SaxesParser({ xmlns: false, position: true });
  const out: FeedRecord[] = [];
  let item: FeedRecord | null = null;
  // Inside an item: depth 1 = an attribute element, 2 = a sub-attribute (g:shipping/g:country).
  let depth = 0;
  let field: string | null = null;
  let sub: string | null = null;
  let parts = new Map<string, string>();
  let text = '';
  let subText = '';
  let root: string | null = null;
  let failure: Error | null = null;
  sax.on('opentag', (t) => {
    if (root === null) root = t.name;
    if (!item) {
      if (t.name === 'item' || t.name === 'entry') {
        item = { line: sax.line, fields: new FeedFields() };
        depth = 0;
      }
      return;
    }
    depth++;
    if (depth === 1) {
      field = attributeName(t.name);
      text = '';
      parts = new Map();
    } else if (depth === 2 && field && GROUPS.has(field)) {
      sub = attributeName(t.name);
      subText = '';
    }
  });
  const onText = (s: string) => {
    if (sub) subText += s;
    else if (field) text += s;
  };
  sax.on('text', onText);
  sax.on('cdata', onText);
  sax.on('closetag', (t) => {
    if (!item) return;
    if (depth === 0) {
      // The item itself closes.
      if (t.name === 'item' || t.name === 'entry') out.push(item);
      item = null;
      return;
    }
    if (depth === 2 && sub) {
      parts.set(sub, subText.trim());
      sub = null;
    } else if (depth === 1 && field) {
      const order = GROUPS.get(field);
      item.fields.add(field, order && parts.size ? order.map((k) => parts.get(k) ?? '').join(':') : text);
      field = null;
    }
    depth--;
  });
  sax.on('error', (e) => {
    failure = e;
  });
  const dec = new TextDecoder();
  for await (const chunk of input) {
    sax.write(typeof chunk === 'string' ? chunk : dec.decode(chunk, { stream: true }));
    if (failure) throw new VitrineError('bad_request', `body: not well-formed XML: ${(failure as Error).message}`, 'body');
    if (root !== null && root !== 'rss' && root !== 'feed') throw new VitrineError('bad_request', `body: expected an RSS 2.0 (<rss>) or Atom (<feed>) product feed, got <${root}>`, 'body');
    yield* out.splice(0);
  }
  sax.close();
  if (failure) throw new VitrineError('bad_request', `body: not well-formed XML: ${(failure as Error).message}`, 'body');
  if (root === null) throw new VitrineError('bad_request', 'body: empty; expected an RSS 2.0 product feed', 'body');
  yield* out.splice(0);
}
