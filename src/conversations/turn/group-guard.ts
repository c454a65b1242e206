import type { TurnHandler } from './chain';

/** In a staff group only registered staff are listened to (they were answered before this). */
export const groupGuard: TurnHandler = {
  name: 'group guard',
  flows: [],
  actions: [],
  async handle(turn, next) {
    const { inbound, desk } = turn;
    if (!inbound.group) return next();
    desk.logger.info(
      { channel: inbound.channel, chatId: inbound.chatId },
      'message in a group from someone who is not staff: ignored',
    );
  },
};
