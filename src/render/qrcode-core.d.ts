// The encoder alone (no canvas, no fs): the part of `qrcode` that runs in any runtime.
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(text: string, opts?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number; get(row: number, col: number): number | boolean } };
}
