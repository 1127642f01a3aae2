/** The repairs domain's public surface, shared (server and browser) side: what other domains may import. */
export { nextStepFor } from './next-step';
export { MESSAGE_MAX_LENGTH } from './limits';
export {
  REPAIR_STATUSES,
  STATUS_PROGRESS,
  STATUS_TIME_LIMIT_HOURS,
  TransitionError,
  allowedTransitions,
  assertTransition,
  transitionRefusal,
  canTransition,
  isOverdue,
  isTerminal,
  type RepairStatus,
  type StaffRole,
} from './state-machine';
export { isValidReference, normaliseReference } from './reference-format';
export { checkImeiSerial, luhnValid, normaliseImeiSerial, type ImeiSerialCheck } from './imei';
