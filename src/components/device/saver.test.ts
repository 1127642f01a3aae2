import { describe, expect, it } from 'vitest';
import { LOW_BATTERY_LEVEL, saverReasons } from './saver';

const calm = { reducedMotion: false, saveData: false, battery: null };

describe('saverReasons: when the app should do less', () => {
  it('is off with nothing to save for, or when the browser does not tell the battery', () => {
    expect(saverReasons(calm)).toEqual([]);
    expect(saverReasons({ ...calm, battery: { charging: false, level: 0.9 } })).toEqual([]);
  });

  it('is on for reduced motion and for Save-Data', () => {
    expect(saverReasons({ ...calm, reducedMotion: true })).toEqual(['reduced-motion']);
    expect(saverReasons({ ...calm, saveData: true })).toEqual(['save-data']);
  });

  it('is on for a low battery that is not charging, at and below the threshold', () => {
    expect(saverReasons({ ...calm, battery: { charging: false, level: LOW_BATTERY_LEVEL } })).toEqual([
      'low-battery',
    ]);
    expect(saverReasons({ ...calm, battery: { charging: false, level: 0.05 } })).toEqual(['low-battery']);
    expect(saverReasons({ ...calm, battery: { charging: false, level: LOW_BATTERY_LEVEL + 0.01 } })).toEqual(
      [],
    );
    // plugged in: no reason to save, however low
    expect(saverReasons({ ...calm, battery: { charging: true, level: 0.05 } })).toEqual([]);
  });

  it('lists every reason that applies, in a fixed order', () => {
    expect(
      saverReasons({ reducedMotion: true, saveData: true, battery: { charging: false, level: 0.1 } }),
    ).toEqual(['reduced-motion', 'save-data', 'low-battery']);
  });
});
