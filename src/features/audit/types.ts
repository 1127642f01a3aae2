/** Every kind of audit event. */
export const AUDIT_EVENT_TYPES = [
  'sign_in_succeeded',
  'sign_in_failed',
  'password_reset',
  'password_changed',
  'role_changed',
  'user_disabled',
  'user_enabled',
  'smtp_settings_changed',
  'payment_refunded',
  'order_status_changed',
  'passcode_revealed',
  'data_exported',
  'two_factor_enabled',
  'two_factor_disabled',
  'two_factor_backup_code_used',
  'two_factor_backup_codes_regenerated',
  'account_locked',
  'account_unlocked',
  'sign_in_blocked',
  'staff_invited',
  'staff_invite_resent',
  'staff_invite_revoked',
  'staff_invite_accepted',
  'two_factor_reset',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
