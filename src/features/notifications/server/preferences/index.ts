export { getPreferences, wantsNotice } from './get-preferences';
export { updatePreferences } from './update-preferences';
