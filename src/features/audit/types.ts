/** Every kind of audit event. The 2FA ones are reserved for when two-factor sign-in exists. */
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
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];
