import { describe, expect, it } from 'vitest';
import { backupCodesFile } from './backup-codes-file';

describe('backupCodesFile', () => {
  const codes = ['abcde-12345', 'fghij-67890'];

  it('lists every code, numbered, under the account and the date', () => {
    const file = backupCodesFile({
      shopName: 'RevivaTech',
      email: 'tech@example.com',
      codes,
      createdAt: new Date('2026-03-04T10:00:00Z'),
      intro: ['Each code works once.'],
    });
    expect(file.filename).toBe('revivatech-backup-codes.txt');
    expect(file.text.split('\r\n')).toEqual([
      'RevivaTech – tech@example.com',
      '2026-03-04',
      '',
      'Each code works once.',
      '',
      ' 1. abcde-12345',
      ' 2. fghij-67890',
      '',
    ]);
  });

  it('makes a safe file name from any shop name', () => {
    const at = new Date();
    expect(
      backupCodesFile({ shopName: 'Café Fix & Go!', email: 'a@b.c', codes, createdAt: at, intro: [] })
        .filename,
    ).toBe('cafe-fix-go-backup-codes.txt');
    expect(
      backupCodesFile({ shopName: '★★★', email: 'a@b.c', codes, createdAt: at, intro: [] }).filename,
    ).toBe('account-backup-codes.txt');
  });
});
