import { describe, expect, it } from 'vitest';
import { createStartGate } from './start-gate';

describe('start gate', () => {
  it('lets the probes through at once and holds other API requests until it opens', async () => {
    const gate = createStartGate();
    expect(gate.wait('/api/health')).toBeNull();
    expect(gate.wait('/api/ready?verbose=1')).toBeNull();
    const held = gate.wait('/api/bookings');
    expect(held).not.toBeNull();
    let passed = false;
    void held?.then(() => (passed = true));
    await Promise.resolve();
    expect(passed).toBe(false);
    gate.open();
    await held;
    expect(passed).toBe(true);
    expect(gate.isOpen).toBe(true);
    expect(gate.wait('/api/bookings')).toBeNull();
  });

  it('does not take a path that only starts like a probe for one', () => {
    const gate = createStartGate();
    expect(gate.wait('/api/health-report')).not.toBeNull();
    expect(gate.wait('/api/readyz')).not.toBeNull();
  });
});
