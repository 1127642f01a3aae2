/** The audit domain's public surface, server side: what other domains may import. */
export {
  auditRequestFrom,
  currentAuditRequest,
  recordAudit,
  withAuditRequest,
  type AuditActor,
  type AuditedBy,
  type AuditRequest,
} from './record-audit';
export { changedFields } from './changed-fields';
