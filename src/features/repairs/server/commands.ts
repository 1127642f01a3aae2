/**
 * The repairs domain's public surface for changes other domains make to an order inside their
 * own transactions (a walk-in, a revised quote): status changes, assignment, intake. They
 * notify and e-mail, so they stay out of ./index.ts, which server components reach.
 */
export { applyAssignment } from './assign-order';
export {
  applyStatusChange,
  finishStatusChange,
  type Caller,
  type ChangeStatusInput,
  type StatusChangeResult,
} from './change-status';
export { applyIntake } from './record-intake';
