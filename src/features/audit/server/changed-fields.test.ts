import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields';

describe('changedFields', () => {
  it('keeps only the fields the change gives, before as the row held them', () => {
    const row = { name: 'Old', aliases: ['a'], tier: 'flagship' };
    expect(changedFields(row, { name: 'New', aliases: undefined })).toEqual({
      before: { name: 'Old' },
      after: { name: 'New' },
    });
  });

  it('answers null before for a field the row did not hold', () => {
    expect(changedFields({}, { warrantyDays: 90 })).toEqual({
      before: { warrantyDays: null },
      after: { warrantyDays: 90 },
    });
  });
});
