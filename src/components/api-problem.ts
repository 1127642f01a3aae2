/**
 * Reading the API's errors in the browser: every error is application/problem+json with a
 * `code`, a `detail` and, for invalid input, one message per field.
 */
export interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
  /** QUOTE_EXPIRED / QUOTE_CHANGED: the fresh price the API offers instead */
  quote?: Record<string, unknown>;
}

export async function readProblem(res: Response): Promise<ProblemBody> {
  try {
    const body = (await res.json()) as Partial<ProblemBody>;
    return {
      status: res.status,
      code: body.code ?? `HTTP_${res.status}`,
      detail: body.detail ?? res.statusText,
      errors: body.errors,
      ...(body.quote ? { quote: body.quote } : {}),
    };
  } catch {
    return { status: res.status, code: `HTTP_${res.status}`, detail: res.statusText };
  }
}
