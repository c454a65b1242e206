import { sessionFactKey } from '../models/session-response';
import type { Models } from '../models';
import type { Migration } from '.';
import { dropIndexes, rekey } from './rekey';

/**
 * Session answers and attendance under their session and participant, so that the chat writes them
 * by key instead of searching for the one to change. The unique index that kept one per pair goes
 * first: the key keeps it now, and the copy of a document under its key must not collide with it.
 */
export const sessionFactsKeyed: Migration = {
  id: '2026-12-session-facts-keyed',
  description: 'session answers and attendance keyed by session and participant',
  async run(models: Models) {
    let moved = 0;
    for (const collection of [models.sessionResponses.collection, models.sessionAttendance.collection]) {
      await dropIndexes(collection, ['session_1_participant_1']);
      moved += await rekey(collection, (fact) => sessionFactKey(fact.session, fact.participant));
    }
    return moved;
  },
};
