// The one error type. The HTTP layer maps it to a status and a JSON body in one place.
export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'unprocessable' | 'unavailable';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  unavailable: 503,
};

export class VitrineError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly accepted?: readonly string[],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'VitrineError';
    this.status = STATUS[code];
  }

  toJSON(): Record<string, unknown> {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.accepted !== undefined ? { accepted: this.accepted } : {}),
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

export function badParam(field: string, reason: string, accepted?: readonly string[]): VitrineError {
  return new VitrineError('bad_request', `${field}: ${reason}`, field, accepted);
}
