import { describe, expect, it } from 'vitest';
import messages from '../../messages/en-GB.json';
import { clientNamespacesByScope, isCovered } from '../../scripts/lib/client-namespaces.mjs';
import { CLIENT_SCOPES, pickMessages } from './client-messages';

const byScope = clientNamespacesByScope();

describe('client message scopes', () => {
  it('every route file is under a scope the code declares', () => {
    expect(byScope.has('')).toBe(false);
    for (const scope of byScope.keys()) expect(Object.keys(CLIENT_SCOPES)).toContain(scope);
  });

  it.each(Object.entries(CLIENT_SCOPES))(
    'scope %s sends every namespace its client components use',
    (scope, picked) => {
      const used = byScope.get(scope)?.namespaces ?? new Map<string, string>();
      const missing = [...used]
        .filter(([ns]) => !isCovered(ns, picked))
        .map(([ns, file]) => `${ns} (${file})`);
      expect(missing).toEqual([]);
    },
  );

  it.each(Object.entries(CLIENT_SCOPES))(
    'scope %s sends nothing its client components do not use',
    (scope, picked) => {
      const used = [...(byScope.get(scope)?.namespaces.keys() ?? [])];
      const unused = picked.filter((p) => !used.some((ns) => isCovered(ns, [p])));
      expect(unused).toEqual([]);
    },
  );

  it('every sent namespace exists in the messages', () => {
    for (const picked of Object.values(CLIENT_SCOPES)) {
      for (const ns of picked) expect(Object.keys(pickMessages(messages, [ns])), ns).toHaveLength(1);
    }
  });
});

describe('pickMessages', () => {
  const all = { a: { x: '1', y: { z: '2' } }, b: { w: '3' }, c: '4' };

  it('keeps only the named branches, dotted ones nested as in the file', () => {
    expect(pickMessages(all, ['a.y', 'c'])).toEqual({ a: { y: { z: '2' } }, c: '4' });
  });

  it('sends a whole branch once when a part of it is named too, without changing the messages', () => {
    const before = structuredClone(all);
    expect(pickMessages(all, ['a', 'a.y'])).toEqual({ a: all.a });
    expect(pickMessages(all, ['a.y', 'a'])).toEqual({ a: all.a });
    expect(all).toEqual(before);
  });

  it('skips a namespace the messages do not have', () => {
    expect(pickMessages(all, ['nope', 'b.nope'])).toEqual({});
  });
});
