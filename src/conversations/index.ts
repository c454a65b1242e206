import type { Config } from '../config';
import type { Models } from '../db/models';
import type { ComplaintDeskSettings } from '../domain/complaints';
import { interpretAnswer } from '../engine/conversation/interpret';
import type { FlowLibrary } from '../engine/flows';
import type { Logger } from '../log';
import { ConversationService } from './conversation-service';

export { ConversationService, type ConversationServiceOptions } from './conversation-service';

/** The conversation service as the service, the terminal chat and the benchmark all run it. */
export function conversationServiceFor(
  config: Pick<
    Config,
    'DEFAULT_TIMEZONE' | 'CONVERSATION_IDLE_MINUTES' | 'PUBLIC_HOLIDAYS' | 'SIMULATOR_ENABLED' | 'QUIET_HOURS'
  >,
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
    complaints: complaintDeskSettingsOf(config),
    quietHours: config.QUIET_HOURS,
  });
}

/** The working calendar of complaint deadlines, and where staff without a chat app read. */
export function complaintDeskSettingsOf(
  config: Pick<Config, 'DEFAULT_TIMEZONE' | 'PUBLIC_HOLIDAYS' | 'SIMULATOR_ENABLED'>,
): ComplaintDeskSettings {
  return {
    calendar: { timeZone: config.DEFAULT_TIMEZONE, holidays: new Set(config.PUBLIC_HOLIDAYS) },
    fallback: config.SIMULATOR_ENABLED ? 'simulator' : undefined,
  };
}
