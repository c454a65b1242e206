import type { Config } from '../config';
import type { Models } from '../db/models';
import { interpretAnswer } from '../engine/conversation/interpret';
import type { FlowLibrary } from '../engine/flows';
import type { Logger } from '../log';
import { ConversationService } from './conversation-service';

export { ConversationService, type ConversationServiceOptions } from './conversation-service';

/** The conversation service as the service, the terminal chat and the benchmark all run it. */
export function conversationServiceFor(
  config: Pick<Config, 'DEFAULT_TIMEZONE' | 'CONVERSATION_IDLE_MINUTES'>,
  models: Models,
  flows: FlowLibrary,
  logger: Logger,
  clock: () => Date = () => new Date(),
): ConversationService {
  return new ConversationService({
    models,
    flows,
    interpret: interpretAnswer,
    clock,
    timeZone: config.DEFAULT_TIMEZONE,
    idleTimeoutMs: config.CONVERSATION_IDLE_MINUTES * 60_000,
    logger,
  });
}
