// A bound on the GPP header's section ids, read before @iabgpp/cmpapi sees the string. The
// library expands the header's Fibonacci-coded id ranges into an array of every id in them, so a
// 7-character string such as "DBUUhIP" (a range to ~169 million) made V8 abort the whole process
// ("Fatal JavaScript invalid size error"): one public request could stop the server. Real section
// ids are small (the GPP registry's highest is in the twenties).
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Highest section id accepted; anything above it is refused before decoding. */
export const MAX_GPP_SECTION_ID = 255;

/** The header's bits (the part before the first `~`), or null when it is not base64url. */
function headerBits(raw: string): string | null {
  const end = raw.indexOf('~');
  const head = end < 0 ? raw : raw.slice(0, end);
  let bits = '';
  for (const ch of head) {
    const v = B64URL.indexOf(ch);
    if (v < 0) return null;
    bits += v.toString(2).padStart(6, '0');
  }
  return bits;
}

/** One Fibonacci-coded integer from `at` (Zeckendorf bits 1, 2, 3, 5, 8 … ended by "11"), or null past `cap`. */
function fibonacci(bits: string, at: number, cap: number): { value: number; next: number } | null {
  let a = 1;
  let b = 2;
  let value = 0;
  for (let i = at; i < bits.length; i++) {
    if (bits[i] === '1') {
      if (i > at && bits[i - 1] === '1') return { value, next: i + 1 };
      value += a;
      if (value > cap) return null;
    }
    [a, b] = [b, a + b];
  }
  return null;
}

/**
 * Why the header's section ids may not be decoded (an id above MAX_GPP_SECTION_ID, or a header too
 * short to hold what it declares), or null when they are within bounds. Read the way the library
 * reads them: type (6 bits), version (6), a 12-bit count, then per entry a range bit and
 * Fibonacci offsets, each from the previous id.
 */
export function gppHeaderProblem(raw: string): string | null {
  const bits = headerBits(raw);
  if (bits === null) return 'the GPP header is not base64url';
  if (bits.length < 24) return 'the GPP header is too short';
  const count = parseInt(bits.slice(12, 24), 2);
  let at = 24;
  let last = 0;
  for (let n = 0; n < count; n++) {
    if (at >= bits.length) return 'the GPP header ends before its section ids';
    const range = bits[at++] === '1';
    for (let k = 0; k < (range ? 2 : 1); k++) {
      const f = fibonacci(bits, at, MAX_GPP_SECTION_ID);
      if (!f || last + f.value > MAX_GPP_SECTION_ID) return `the GPP header declares a section id above ${MAX_GPP_SECTION_ID}`;
      last += f.value;
      at = f.next;
    }
  }
  return null;
}
