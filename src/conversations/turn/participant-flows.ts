import { FLOW_ACTIONS, type FlowAction } from '../../engine/actions';
import { mentor } from './mentor';

/**
 * What a participant's conversation may start and run: the menu and all it leads to. A resident's
 * complaint begun before they were registered is finished as it was begun.
 */
export const PARTICIPANT_FLOWS: readonly string[] = [
  'consent',
  'menu',
  'weekly-report',
  'one-message-report',
  'complaint',
  'complaint-reply',
  'complaint-rating',
  'resident-complaint',
];

/** Every action but a mentor's. */
export const PARTICIPANT_ACTIONS: readonly FlowAction[] = FLOW_ACTIONS.filter(
  (action) => !mentor.actions.includes(action),
);
