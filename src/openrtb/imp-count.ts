// A bounded look at a bid request's text before JSON.parse: counts the elements of every top-level
// "imp" array as the body streams in, so a request past the imp cap is refused without building
// its imps (or any of its JSON). Pure and incremental: feed it chunks; it never holds the text.
// It follows JSON's string and escape rules so brackets and commas inside strings are not counted;
// malformed JSON is left for JSON.parse to refuse.

/** Longest raw top-level key worth decoding (`"imp"` with escapes is at most 18 characters). */
const MAX_KEY = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class ImpCounter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private topIsObject = false;
  /** Depth 1 of the top-level object: the next string is a key. */
  private keyNext = false;
  /** Raw characters of the depth-1 key being read, or null when not reading one (or it is too long). */
  private key: string | null = null;
  private readingKey = false;
  private lastKey = '';
  /** After a depth-1 colon: the next character starts that key's value. */
  private valueNext = false;
  /** Depth of the elements of the `imp` array being read (0 = not in one). */
  private impDepth = 0;
  private awaitingElement = false;
  private count = 0;

  constructor(private readonly max: number) {}

  /** Elements of `imp` arrays seen so far (all top-level `imp` keys together). */
  get imps(): number {
    return this.count;
  }

  /** Reads a chunk; true once more than `max` imps were seen (stop reading). */
  feed(chunk: string): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.readingKey) this.endKey();
          continue;
        }
        if (this.readingKey && this.key !== null) this.key = this.key.length < MAX_KEY ? this.key + chunk[i] : null;
        continue;
      }
      if (isSpace(c)) continue;
      // A value starting directly inside the imp array is one imp.
      if (this.impDepth > 0 && this.depth === this.impDepth && this.awaitingElement && c !== CLOSE_ARR && c !== COMMA) {
        this.awaitingElement = false;
        if (++this.count > this.max) return true;
      }
      if (this.depth === 1 && this.topIsObject && this.valueNext) {
        this.valueNext = false;
        if (c === OPEN_ARR && this.lastKey === 'imp') {
          this.impDepth = 2;
          this.awaitingElement = true;
        }
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.topIsObject && this.keyNext) {
            this.keyNext = false;
            this.readingKey = true;
            this.key = '';
          }
          break;
        case OPEN_OBJ:
        case OPEN_ARR:
          if (this.depth === 0) {
            this.topIsObject = c === OPEN_OBJ;
            this.keyNext = this.topIsObject;
          }
          this.depth++;
          break;
        case CLOSE_OBJ:
        case CLOSE_ARR:
          if (this.impDepth > 0 && this.depth === this.impDepth) this.impDepth = 0;
          this.depth--;
          break;
        case COMMA:
          if (this.depth === 1 && this.topIsObject) this.keyNext = true;
          else if (this.impDepth > 0 && this.depth === this.impDepth) this.awaitingElement = true;
          break;
        case COLON:
          if (this.depth === 1 && this.topIsObject) this.valueNext = true;
          break;
      }
    }
    return false;
  }

  private endKey(): void {
    this.readingKey = false;
    const raw = this.key;
    this.key = null;
    if (raw === null) this.lastKey = '';
    else if (!raw.includes('\\')) this.lastKey = raw;
    else {
      try {
        this.lastKey = JSON.parse(`"${raw}"`) as string;
      } catch {
        this.lastKey = '';
      }
    }
  }
}
