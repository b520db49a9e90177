// zod issues → the one error type, naming each bad field.
import type { z } from 'zod';
import { VitrineError } from '../domain/errors.ts';

export interface FieldProblem {
  field: string;
  reason: string;
}

export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', reason: i.message }));
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = problemsOf(r.error);
  throw new VitrineError('bad_request', `${what}: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, problems[0]?.field, undefined, problems);
}

export async function jsonBody(req: { json(): Promise<unknown> }): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new VitrineError('bad_request', 'body: not valid JSON', 'body');
  }
}
