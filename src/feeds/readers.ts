// Streaming feed readers: bytes in, one record of attribute → value per product out, with the
// line it started on. Neither holds the whole file.
import { SaxesParser } from 'saxes';
import { VitrineError } from '../domain/errors.ts';
import { tsvRows } from './tsv.ts';

export interface FeedRecord {
  line: number;
  fields: Record<string, string>;
  /** Set when the row cannot be read as a record (wrong column count): rejected with this reason. */
  problem?: string;
}

export type FeedFormat = 'tsv' | 'xml';

/** Tab-separated text with a header row (Merchant Center "text feed"), quoting as in ./tsv.ts. */
export async function* readTsv(input: AsyncIterable<Uint8Array | string>, required: string[] = ['id']): AsyncGenerator<FeedRecord> {
  let header: string[] | null = null;
  for await (const row of tsvRows(input, () => header?.length ?? null)) {
    if (!header) {
      header = row.cells.map((c) => c.trim().toLowerCase());
      const missing = required.filter((c) => !header!.includes(c));
      if (missing.length) throw new VitrineError('bad_request', `body: expected a tab-separated header row with ${required.join(', ')}; missing ${missing.join(', ')}`, 'body');
      continue;
    }
    // Attribute names come from the file: a prototype-free object, so `__proto__` is just a column.
    const fields: Record<string, string> = Object.create(null);
    header.forEach((name, i) => {
      if (!(name in fields) && i < row.cells.length) fields[name] = row.cells[i]!;
    });
    if (row.cells.length !== header.length) {
      yield { line: row.line, fields, problem: `expected ${header.length} tab-separated columns as in the header, got ${row.cells.length}; the row is not imported` };
      continue;
    }
    yield { line: row.line, fields };
  }
}

/** RSS 2.0 with the `g:` namespace (Merchant Center XML feed); `<item>` children by local name. */
export async function* readXml(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<FeedRecord> {
  const sax = new SaxesParser({ xmlns: false, position: true });
  const out: FeedRecord[] = [];
  let item: FeedRecord | null = null;
  let field: string | null = null;
  let text = '';
  let depth = 0;
  let root: string | null = null;
  let failure: Error | null = null;
  sax.on('opentag', (t) => {
    depth++;
    const name = t.name.replace(/^g:/, '');
    if (root === null) root = t.name;
    if (t.name === 'item' || t.name === 'entry') item = { line: sax.line, fields: Object.create(null) as Record<string, string> };
    else if (item && depth > 0) {
      field = name;
      text = '';
    }
  });
  sax.on('text', (s) => {
    if (field) text += s;
  });
  sax.on('cdata', (s) => {
    if (field) text += s;
  });
  sax.on('closetag', (t) => {
    depth--;
    if ((t.name === 'item' || t.name === 'entry') && item) {
      out.push(item);
      item = null;
    } else if (item && field && t.name.replace(/^g:/, '') === field) {
      // Nested elements (g:shipping) are not product attributes Vitrine reads; the first value wins.
      if (!(field in item.fields)) item.fields[field] = text;
      field = null;
    }
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
