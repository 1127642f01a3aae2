/**
 * The workshop's metrics (issue 17, operations): each in its own file under this folder,
 * re-exported here under the names the registry imports.
 */
export { turnaround, stageTimes } from './ops-flow';
export { technicians } from './ops-technicians';
export { queue } from './ops-queue';
export { funnel } from './ops-funnel';
export { topModels, partsUsed } from './ops-catalog';
