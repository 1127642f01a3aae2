/** Live updates in the browser: the stream hook, the refreshing pill, and same-tab signals. */
export { useLiveStream, type LiveEvent, type LiveStatus } from './use-live-stream';
export { LiveRefresh, type LiveRefreshProps } from './live-refresh';
export { broadcastLiveSignal, useLiveSignal, type LiveSignal } from './live-events';
