// Merchant Center tab-separated text, streamed. The rules (support.google.com/merchants/answer/14998273):
// a field wholly wrapped in double quotes may hold tabs and line breaks, and a quote inside it is
// written twice; anywhere else a quote is an ordinary character. So `"12" pan` is the literal text
// `"12" pan`, not a quoted field: a quote counts as the field's end only when a tab, a line break
// or the end of the file follows it. Nothing here merges one row into another: a quoted field that
// spans lines is kept only when its first line is not a whole row by itself and the joined row has
// the header's width; otherwise the first line is read alone (quotes literal). A quote that never
// closes before the end of the file is an error naming its line.
import { VitrineError } from '../domain/errors.ts';

export interface TsvRow {
  /** 1-based line the row starts on (the header is line 1). */
  line: number;
  cells: string[];
}

/** A file that cannot be read past `line` (an unclosed quote, an over-long row). */
export class TsvSyntaxError extends VitrineError {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super('bad_request', `body: line ${line}: ${reason}`, 'body');
  }
}

/** Longest row accepted (a quoted field can span lines; an unclosed one must not eat the file into memory). */
export const MAX_ROW_CHARS = 1 << 20;

type Parsed = { cells: string[]; next: number; lines: number } | 'more';

/** Index of the first tab, CR or LF at or after `from`, or -1. */
function delimiterAt(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return i;
  }
  return -1;
}

function breakAt(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

function countBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * One quoted field starting at `at` (a `"`): its text and the index after the closing quote;
 * 'literal' when the quote does not open a wholly quoted field; 'more' when the text ends inside it.
 */
function quoted(s: string, at: number, final: boolean, multiline: boolean): { text: string; end: number } | 'literal' | 'more' | 'unclosed' {
  let text = '';
  let j = at + 1;
  for (;;) {
    const k = s.indexOf('"', j);
    if (!multiline) {
      // Single-line reading: a line break before the closing quote makes the quote literal.
      const br = breakAt(s, j);
      if (br !== -1 && (k === -1 || br < k)) return 'literal';
    }
    if (k === -1) return final ? 'unclosed' : 'more';
    if (k + 1 >= s.length && !final) return 'more';
    const c = s.charCodeAt(k + 1);
    if (c === 34) {
      text += s.slice(j, k) + '"';
      j = k + 2;
      continue;
    }
    if (k + 1 >= s.length || c === 9 || c === 10 || c === 13) return { text: text + s.slice(j, k), end: k + 1 };
    return 'literal';
  }
}

/** One row starting at `start`; 'more' when the buffered text ends inside it. */
function parseRow(s: string, start: number, final: boolean, multiline: boolean, line: number): Parsed {
  const cells: string[] = [];
  let i = start;
  for (;;) {
    let end: number;
    let q: ReturnType<typeof quoted> | null = null;
    if (s.charCodeAt(i) === 34) {
      q = quoted(s, i, final, multiline);
      if (q === 'more') return 'more';
      if (q === 'unclosed') throw new TsvSyntaxError(line, 'unclosed quote: the field opened with " on this line never closes before the end of the file');
    }
    if (q && q !== 'literal') {
      cells.push(q.text);
      end = q.end;
    } else {
      const d = delimiterAt(s, i);
      if (d === -1 && !final) return 'more';
      end = d === -1 ? s.length : d;
      cells.push(s.slice(i, end));
    }
    if (end >= s.length) {
      if (!final) return 'more';
      return { cells, next: end, lines: countBreaks(s, start, end) };
    }
    const c = s.charCodeAt(end);
    if (c === 9) {
      i = end + 1;
      continue;
    }
    if (c === 13 && end + 1 >= s.length && !final) return 'more';
    const next = c === 13 && s.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    return { cells, next, lines: countBreaks(s, start, end) };
  }
}

/** Decodes bytes by their byte order mark (UTF-8 without one), streaming. */
async function* text(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  let dec: TextDecoder | null = null;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (!dec) {
      const le = chunk[0] === 0xff && chunk[1] === 0xfe;
      const be = chunk[0] === 0xfe && chunk[1] === 0xff;
      dec = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8');
    }
    yield dec.decode(chunk, { stream: true });
  }
  if (dec) yield dec.decode();
}

/**
 * Rows of a TSV stream, header first. `columns` (the header's width, once known) lets a row that
 * spans lines be re-read as one line when its width is wrong.
 */
export async function* tsvRows(input: AsyncIterable<Uint8Array | string>, columns: () => number | null): AsyncGenerator<TsvRow> {
  let buf = '';
  let line = 1;
  let first = true;
  const drain = function* (final: boolean): Generator<TsvRow> {
    let pos = 0;
    while (pos < buf.length) {
      let r = parseRow(buf, pos, final, true, line);
      if (r === 'more') {
        if (buf.length - pos > MAX_ROW_CHARS) throw new TsvSyntaxError(line, `row longer than ${MAX_ROW_CHARS} characters (an unclosed quote?)`);
        break;
      }
      const width = columns();
      // A quoted field that runs over lines is ambiguous when its first line is a whole row by
      // itself (`1\t"12 pan\t…` then a later `12"\t`): read it as that row, never as one merged row.
      if (r.lines > 0 && width !== null) {
        const single = parseRow(buf, pos, true, false, line);
        if (single !== 'more' && (single.cells.length === width || r.cells.length !== width)) r = single;
      }
      const at = line;
      line += r.lines + 1;
      pos = r.next;
      // Blank lines are not rows.
      if (r.cells.length === 1 && r.cells[0]!.trim() === '') continue;
      yield { line: at, cells: r.cells };
    }
    buf = buf.slice(pos);
  };
  for await (let chunk of text(input)) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    buf += chunk;
    yield* drain(false);
  }
  yield* drain(true);
}
