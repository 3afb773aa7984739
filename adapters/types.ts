// Adapters implement the engine's port; re-exported here so adapter code reads naturally.
export type { Adapter, AdapterState, Capabilities, EventSink } from '../src/engine/port.js';
export type { Action, ActionResult } from '../src/engine/actions.js';
export type { InboundEvent } from '../src/engine/events.js';
export { INVITE_SLOT } from '../src/engine/actions.js';
