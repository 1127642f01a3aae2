import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next';

describe('safeNextPath', () => {
  it.each([
    ['/staff', '/staff'],
    ['/staff?view=board&shop=london', '/staff?view=board&shop=london'],
    ['/staff/orders/abc#photos', '/staff/orders/abc#photos'],
    ['/account/security?setup=required', '/account/security?setup=required'],
  ])('keeps the same-site path %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['staff'],
    ['https://evil.example/staff'],
    ['//evil.example/staff'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/staff\nSet-Cookie: x=1'],
    ['/staff\t'],
    ['javascript:alert(1)'],
    ['/' + 'a'.repeat(2000)],
  ])('falls back for %j', (next) => {
    expect(safeNextPath(next)).toBe('/account');
  });

  it('uses the fallback given', () => {
    expect(safeNextPath('https://evil.example', '/staff')).toBe('/staff');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNextPath('/staff/../admin/users')).toBe('/admin/users');
    expect(safeNextPath('/../../etc')).toBe('/etc');
  });
});
