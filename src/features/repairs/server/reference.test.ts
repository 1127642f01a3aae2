import { describe, it, expect } from 'vitest';
import {
  REFERENCE_ALPHABET,
  generateReference,
  generateTrackingToken,
  isValidReference,
  normaliseReference,
  randomString,
  tokensEqual,
} from './reference';

/** A deterministic byte source that replays `bytes` cyclically. */
function replay(bytes: number[]): (n: number) => Uint8Array {
  let i = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let k = 0; k < n; k++) out[k] = bytes[i++ % bytes.length]!;
    return out;
  };
}

describe('REFERENCE_ALPHABET', () => {
  it('has 32 unique characters and no look-alikes', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(32);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(32);
    for (const c of '01OI') expect(REFERENCE_ALPHABET).not.toContain(c);
  });
});

describe('generateReference', () => {
  it('is RT- plus 6 alphabet characters', () => {
    for (let i = 0; i < 200; i++) {
      const ref = generateReference();
      expect(ref).toMatch(/^RT-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
      expect(isValidReference(ref)).toBe(true);
    }
  });

  it('maps bytes to characters deterministically with an injected source', () => {
    expect(generateReference(replay([0, 1, 2, 31, 32, 255]))).toBe('RT-234Z2Z');
  });

  it('produces varied output from the default source', () => {
    const refs = new Set(Array.from({ length: 100 }, () => generateReference()));
    expect(refs.size).toBeGreaterThan(95);
  });

  it('is roughly uniform over the alphabet', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      for (const c of generateReference().slice(3)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    // 12000 draws / 32 = 375 expected per char; allow a generous band
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(250);
      expect(n).toBeLessThan(500);
    }
  });
});

describe('randomString (rejection sampling)', () => {
  it('rejects bytes that would bias a non-power-of-two alphabet', () => {
    // 10 chars: limit = 250, so 250..255 are discarded
    const out = randomString('0123456789', 4, replay([250, 255, 3, 251, 249, 12, 0]));
    expect(out).toBe('3920');
  });

  it('requests more bytes when too many are rejected', () => {
    const calls: number[] = [];
    let first = true;
    const src = (n: number) => {
      calls.push(n);
      const bytes = new Uint8Array(n).fill(first ? 255 : 7);
      first = false;
      return bytes;
    };
    expect(randomString('abc', 3, src)).toBe('bbb');
    expect(calls.length).toBe(2);
  });

  it('gives up on a source that never yields usable bytes', () => {
    expect(() => randomString('abc', 3, (n) => new Uint8Array(n).fill(255))).toThrow();
  });

  it('validates the alphabet size', () => {
    expect(() => randomString('', 3)).toThrow(RangeError);
    expect(() => randomString('x'.repeat(257), 3)).toThrow(RangeError);
  });
});

describe('isValidReference', () => {
  it.each(['RT-234567', 'RT-ABCDEF', 'RT-ZZZZZZ'])('accepts %s', (s) => {
    expect(isValidReference(s)).toBe(true);
  });
  it.each([
    'rt-234567', // canonical form is uppercase; use normaliseReference for input
    '234567',
    'RT-23456',
    'RT-2345678',
    'RT-O23456',
    'RT-I23456',
    'RT-023456',
    'RT-123456',
    ' RT-234567',
    'RT_234567',
    '',
  ])('rejects %j', (s) => {
    expect(isValidReference(s)).toBe(false);
  });
});

describe('normaliseReference', () => {
  it.each([
    ['RT-7K3M9Q', 'RT-7K3M9Q'],
    ['rt-7k3m9q', 'RT-7K3M9Q'],
    ['  Rt-7k3M9q\n', 'RT-7K3M9Q'],
    ['7k3m9q', 'RT-7K3M9Q'],
    ['RT7K3M9Q', 'RT-7K3M9Q'],
    ['RT 7K3M9Q', 'RT-7K3M9Q'],
  ])('%j -> %j', (input, out) => {
    expect(normaliseReference(input)).toBe(out);
    expect(isValidReference(normaliseReference(input)!)).toBe(true);
  });

  it.each(['', 'RT-', 'RT-7K3M9', 'RT-7K3M9QQ', 'RT-7K3M90', 'XX-7K3M9Q', 'RT--7K3M9Q', 'RT-7K 3M9Q'])(
    'rejects %j',
    (input) => {
      expect(normaliseReference(input)).toBeNull();
    },
  );
});

describe('generateTrackingToken', () => {
  it('is 32 random bytes in base64url', () => {
    const t = generateTrackingToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
  });

  it('is unique', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateTrackingToken()));
    expect(tokens.size).toBe(50);
  });
});

describe('tokensEqual', () => {
  it('compares equal and unequal strings', () => {
    const t = generateTrackingToken();
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(t, `${t}`)).toBe(true);
    expect(tokensEqual(t, generateTrackingToken())).toBe(false);
    expect(tokensEqual('abc', 'abd')).toBe(false);
  });

  it('returns false for different lengths without throwing', () => {
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'a')).toBe(false);
    expect(tokensEqual('', '')).toBe(true);
  });

  it('compares by UTF-8 bytes', () => {
    expect(tokensEqual('é', 'e\u0301')).toBe(false);
    expect(tokensEqual('£1', '£1')).toBe(true);
  });
});
