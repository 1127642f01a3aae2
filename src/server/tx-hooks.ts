/**
 * "After X happened" hooks that run inside X's own transaction, for a domain that must not import
 * the domains reacting to it (the entry registers them: src/server/entry/hooks.ts). Each hook
 * runs in a savepoint of its own: a failing hook is logged and undone alone, never X itself.
 * A hook may return a step to run after the commit (e.g. publish to live clients).
 */
import type { Db } from '@/server/db/runtime';
import { logger } from '@/server/logger';

export type TxHook<E> = (tx: Db, event: E) => Promise<(() => void) | void>;

export interface TxHooks<E> {
  /** Registers a hook (registering the same function again changes nothing). */
  on(hook: TxHook<E>): void;
  /** Runs every hook in `tx`; returns the after-commit steps. */
  run(tx: Db, event: E): Promise<Array<() => void>>;
}

declare global {
  // one registry per name and process: Next's bundle and the server's own modules share it
  var __rtTxHooks: Map<string, Set<TxHook<never>>> | undefined;
}

export function txHooks<E>(name: string): TxHooks<E> {
  const set = (): Set<TxHook<E>> => {
    const all = (globalThis.__rtTxHooks ??= new Map());
    let hooks = all.get(name);
    if (!hooks) all.set(name, (hooks = new Set()));
    return hooks as unknown as Set<TxHook<E>>;
  };
  return {
    on(hook) {
      set().add(hook);
    },
    async run(tx, event) {
      const after: Array<() => void> = [];
      for (const hook of set()) {
        try {
          const next = await tx.transaction((sp) => hook(sp, event));
          if (next) after.push(next);
        } catch (err) {
          logger.error({ err, hooks: name }, 'a transaction hook failed; its work was undone');
        }
      }
      return after;
    },
  };
}
