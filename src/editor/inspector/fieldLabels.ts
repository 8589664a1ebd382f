/**
 * The names the app gives the fields of the registry (`sim/fields.ts`) and their units, for the
 * inspector and the scenario form.
 */
import type { NodeFieldKey } from '../../sim/document';
import type { FieldUnit } from '../../sim/fields';
import type { MessageKey } from '../i18n';

/**
 * The inspector's name for each node field. Every field of the registry needs one: a new field
 * is a compile error here until it is named in both languages. `null` for a field edited
 * elsewhere (the position, by dragging on the canvas).
 */
export const FIELD_LABELS: Readonly<Record<NodeFieldKey, MessageKey | null>> = {
  label: 'editing.inspector.label',
  lane: 'editing.inspector.lane',
  position: null,
  notes: 'editing.inspector.notes',
  outcome: 'editing.inspector.outcome',
  k: 'editing.inspector.k',
  reliability: 'editing.inspector.reliability',
  recovery: 'editing.inspector.recovery',
  duration: 'editing.inspector.duration',
  cost: 'editing.inspector.cost',
};

/** How a unit is written after a value; null where the value speaks for itself. */
export const UNIT_LABELS: Readonly<Record<FieldUnit, MessageKey | null>> = {
  minutes: 'editing.inspector.minutes',
  currency: 'editing.inspector.currency',
  probability: null,
  branches: null,
  pixels: null,
};
