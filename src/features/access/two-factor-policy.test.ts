import { describe, expect, it } from 'vitest';
import { mustSetUpTwoFactor, twoFactorRequiredFor, twoFactorSetupHref } from './two-factor-policy';

describe('two-factor policy', () => {
  it('requires two-factor of technicians, managers and admins only when the policy says so', () => {
    expect(twoFactorRequiredFor('customer', 'required')).toBe(false);
    expect(twoFactorRequiredFor('technician', 'required')).toBe(true);
    expect(twoFactorRequiredFor('manager', 'required')).toBe(true);
    expect(twoFactorRequiredFor('admin', 'required')).toBe(true);
    expect(twoFactorRequiredFor('admin', 'optional')).toBe(false);
  });

  it('sends staff without an authenticator to the set-up, and nobody else', () => {
    expect(mustSetUpTwoFactor({ role: 'technician', twoFactorEnabled: false }, 'required')).toBe(true);
    expect(mustSetUpTwoFactor({ role: 'technician', twoFactorEnabled: true }, 'required')).toBe(false);
    expect(mustSetUpTwoFactor({ role: 'customer', twoFactorEnabled: false }, 'required')).toBe(false);
    expect(mustSetUpTwoFactor({ role: 'admin', twoFactorEnabled: false }, 'optional')).toBe(false);
  });

  it('keeps the way back in the set-up link', () => {
    expect(twoFactorSetupHref('/staff?view=board')).toBe(
      '/account/security?setup=required&next=%2Fstaff%3Fview%3Dboard',
    );
    expect(twoFactorSetupHref()).toBe('/account/security?setup=required');
  });
});
