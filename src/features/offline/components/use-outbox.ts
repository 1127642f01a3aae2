'use client';
import { useEffect, useState } from 'react';
import { listOutbox, onOutboxChange, type OutboxItem, type OutboxQueue } from './outbox';

/**
 * The items of one outbox queue, oldest first, kept current across tabs. `null` until read
 * (and where IndexedDB is not available).
 */
export function useOutboxItems(queue: OutboxQueue): OutboxItem[] | null {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  useEffect(() => {
    if (typeof indexedDB === 'undefined') return;
    let live = true;
    const read = () =>
      void listOutbox(queue).then(
        (rows) => live && setItems(rows),
        () => undefined,
      );
    read();
    const off = onOutboxChange((change) => {
      if (change.queue === null || change.queue === queue) read();
    });
    return () => {
      live = false;
      off();
    };
  }, [queue]);
  return items;
}

/** How many items wait in one outbox queue (0 until read). */
export function useOutboxCount(queue: OutboxQueue): number {
  return useOutboxItems(queue)?.length ?? 0;
}
