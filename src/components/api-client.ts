'use client';
import { hc } from 'hono/client';
import type { AppType } from '@/server/entry/api';

/** Typed API client for client components (routes and payloads checked against the server). */
export const api = hc<AppType>('/').api;

export interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

export async function readProblem(res: Response): Promise<ProblemBody> {
  try {
    const body = (await res.json()) as Partial<ProblemBody>;
    return {
      status: res.status,
      code: body.code ?? `HTTP_${res.status}`,
      detail: body.detail ?? res.statusText,
      errors: body.errors,
    };
  } catch {
    return { status: res.status, code: `HTTP_${res.status}`, detail: res.statusText };
  }
}
