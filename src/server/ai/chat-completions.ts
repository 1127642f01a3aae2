/**
 * An optional language-model provider speaking the OpenAI Chat Completions wire format
 * (`POST ${AI_BASE_URL}/chat/completions`): OpenAI itself, or any compatible server (Ollama,
 * llama.cpp, vLLM, LM Studio, a company gateway). Plain fetch: no SDK (the current majors need
 * Node 22) and nothing more than one request is needed.
 *
 * It never throws to its caller and never holds it up past the timeout: a provider that is not
 * configured, slow, down, or answering something other than the JSON asked for gives `null`, and
 * the caller carries on without it. Domain-free: callers bring their own prompt and zod schema.
 */
import type { z } from 'zod';
import { env } from '@/env';
import { logger } from '@/server/logger';

export interface ChatProviderConfig {
  /** e.g. https://api.openai.com/v1 (no trailing /chat/completions) */
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

declare global {
  var __rtChatProvider: ChatProviderConfig | null | undefined;
}

function fromEnv(): ChatProviderConfig | null {
  if (!env.AI_BASE_URL || !env.AI_MODEL) return null;
  return {
    baseUrl: env.AI_BASE_URL,
    apiKey: env.AI_API_KEY ?? null,
    model: env.AI_MODEL,
    timeoutMs: env.AI_TIMEOUT_MS,
  };
}

/** The configured provider, or null when AI_BASE_URL and AI_MODEL are not both set. */
export function chatProviderConfig(): ChatProviderConfig | null {
  if (globalThis.__rtChatProvider === undefined) globalThis.__rtChatProvider = fromEnv();
  return globalThis.__rtChatProvider;
}

/** Tests: use this provider (null: none; undefined: back to the environment's). */
export function setChatProviderConfig(config: ChatProviderConfig | null | undefined): void {
  globalThis.__rtChatProvider = config;
}

/** Where the provider's answer went wrong, for the log line (never the text sent or received). */
type Failure = 'timeout' | 'network' | 'http' | 'not-json' | 'no-content' | 'invalid';

/** The message content as JSON: models often wrap it in a ```json fence despite being asked not to. */
function parseContent(content: string): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  return JSON.parse(fenced ? fenced[1]! : content);
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Sends `messages` and returns the model's answer parsed as JSON and validated by `schema`, or
 * null on any failure (not configured, timeout, network error, non-2xx, malformed JSON, content
 * that fails the schema). `purpose` names the call in the log.
 */
export async function completeChatJson<T>(
  purpose: string,
  messages: ChatMessage[],
  schema: z.ZodType<T>,
  options: { maxTokens?: number; config?: ChatProviderConfig | null } = {},
): Promise<T | null> {
  const config = options.config === undefined ? chatProviderConfig() : options.config;
  if (!config) return null;
  const started = performance.now();
  const fail = (reason: Failure, extra: Record<string, unknown> = {}) => {
    logger.warn(
      { purpose, reason, ms: Math.round(performance.now() - started), ...extra },
      'ai provider answer not used',
    );
    return null;
  };
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const signal = AbortSignal.timeout(config.timeoutMs);
  let body: string;
  try {
    const res = await fetch(url, {
      method: 'POST',
      signal,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        messages,
        temperature: 0,
        max_tokens: options.maxTokens ?? 200,
        response_format: { type: 'json_object' },
      }),
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return fail('http', { status: res.status });
    }
    body = await res.text();
  } catch (error) {
    return fail(signal.aborted ? 'timeout' : 'network', {
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  if (body.length > MAX_ANSWER_BYTES) return fail('invalid', { bytes: body.length });
  let content: unknown;
  try {
    const parsed = JSON.parse(body) as { choices?: Array<{ message?: { content?: unknown } }> };
    content = parsed.choices?.[0]?.message?.content;
  } catch {
    return fail('not-json');
  }
  if (typeof content !== 'string' || content.trim() === '') return fail('no-content');
  let answer: unknown;
  try {
    answer = parseContent(content);
  } catch {
    return fail('not-json');
  }
  const checked = schema.safeParse(answer);
  if (!checked.success) return fail('invalid');
  logger.debug({ purpose, ms: Math.round(performance.now() - started) }, 'ai provider answered');
  return checked.data;
}
