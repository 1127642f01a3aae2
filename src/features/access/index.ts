/** The access domain's public surface, shared (server and browser) side: what other domains may import. */
export { atLeast, defineAbilityFor, subject, type AppAbility, type RepairOrderRecord } from './ability';
export { mustSetUpTwoFactor, twoFactorRequiredFor, twoFactorSetupHref } from './two-factor-policy';
