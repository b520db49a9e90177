// Whole-document validation: every problem listed (`error.details: [{ field, reason }]`), unknown
// fields named one by one; shape problems answer 400, problems with what a document refers to 422.
import type { z } from 'zod';
import { VitrineError } from '../../domain/errors.ts';
import type { FieldProblem } from '../validation.ts';

function problemsOf(error: z.ZodError): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const i of error.issues) {
    const at = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') for (const k of i.keys) out.push({ field: at ? `${at}.${k}` : k, reason: 'unknown field' });
    else out.push({ field: at || '(body)', reason: i.message });
  }
  return out;
}

/** Parses the whole document or throws 400 listing every problem. */
export function parseDocument<T extends z.ZodType>(schema: T, body: unknown, what: string): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new VitrineError('bad_request', `${what}: expected a JSON object`, '(body)', undefined, [{ field: '(body)', reason: 'expected a JSON object' }]);
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const problems = problemsOf(r.error);
  const unknown = problems.filter((p) => p.reason === 'unknown field').map((p) => p.field);
  const head = unknown.length ? `unknown field(s) ${unknown.join(', ')}; ` : '';
  throw new VitrineError('bad_request', `${what}: ${head}${problems.length} problem(s), nothing was written`, problems[0]!.field, undefined, problems);
}

/** Reference problems (unknown region, placement, brand kit, product): 422 listing them all. */
export function throwUnprocessable(what: string, problems: FieldProblem[]): void {
  if (problems.length === 0) return;
  throw new VitrineError('unprocessable', `${what}: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}; nothing was written`, problems[0]!.field, undefined, problems);
}
