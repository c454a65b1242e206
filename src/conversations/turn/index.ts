import type { TurnHandler } from './chain';
import { complaintNews } from './complaint-news';
import { consent } from './consent';
import { firstMessage } from './first-message';
import { flow } from './flow';
import { globalCommands } from './global-commands';
import { groupGuard } from './group-guard';
import { handedOver } from './handed-over';
import { mentor } from './mentor';
import { pendingRating } from './pending-rating';
import { resident } from './resident';
import { staff } from './staff';
import { statusQuery } from './status-query';

export { runChain, keptDraft, type Turn, type TurnDesk } from './chain';

/**
 * A message's way through the conversation, first to last; the first two act after the rest. Each
 * handler answers the message or passes it on, so who may do what is read from top to bottom.
 */
export const TURN_CHAIN: readonly TurnHandler[] = [
  pendingRating,
  firstMessage,
  complaintNews,
  staff,
  groupGuard,
  handedOver,
  statusQuery,
  resident,
  mentor,
  globalCommands,
  consent,
  flow,
];
