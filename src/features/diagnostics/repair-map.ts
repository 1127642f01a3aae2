/**
 * Which of the catalogue's repair types fix each fault category the classifier names. Most are
 * named alike; a screen fault is the `screen-crack` repair (it covers cracked, bleeding and
 * dead displays), a device with no power goes to `logic-board`. `unknown` (not a fault, or too
 * vague to tell) is the free `diagnostic`: a technician looks before anyone quotes.
 */
import type { FaultCategory } from './categories';

/** The catalogue's free diagnostic repair type: the advice when the model is not sure. */
export const FREE_DIAGNOSTIC_REPAIR = 'diagnostic';

export const REPAIRS_BY_CATEGORY: Readonly<Record<FaultCategory | 'unknown', readonly string[]>> = {
  screen: ['screen-crack'],
  battery: ['battery'],
  'charging-port': ['charging-port'],
  'water-damage': ['water-damage'],
  camera: ['camera'],
  audio: ['audio'],
  buttons: ['buttons'],
  software: ['software'],
  'data-recovery': ['data-recovery'],
  'back-glass': ['back-glass'],
  keyboard: ['keyboard'],
  overheating: ['overheating'],
  'no-power': ['logic-board'],
  'hdmi-port': ['hdmi-port'],
  'storage-upgrade': ['storage-upgrade'],
  unknown: [FREE_DIAGNOSTIC_REPAIR],
};

/** The repair types for a label (an unrecognised label gets the free diagnostic). */
export function repairsForCategory(category: string): readonly string[] {
  return (REPAIRS_BY_CATEGORY as Record<string, readonly string[]>)[category] ?? [FREE_DIAGNOSTIC_REPAIR];
}
