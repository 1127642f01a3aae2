import { describe, expect, it } from 'vitest';
import { isHostOrIp } from './presets';

describe('SMTP host check', () => {
  it.each(['smtp.gmail.com', 'mail', 'a-b.example.co.uk', '127.0.0.1', '::1', '2001:db8::25'])(
    'accepts %s',
    (h) => expect(isHostOrIp(h)).toBe(true),
  );
  it.each(['not a host', 'smtp..example.com', '-bad.example.com', '999.1.1.1', 'smtp.example.com/x', ''])(
    'rejects %s',
    (h) => expect(isHostOrIp(h)).toBe(false),
  );
});
