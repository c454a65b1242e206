import { say, text, type Language } from '../../i18n';

export type SessionNotice = 'invitation' | 'day_before' | 'two_hours_before' | 'moved' | 'cancelled';

// Conversations and pages still write times through this name until they adopt src/i18n/.
export { formatDateTime as sessionTime } from '../../i18n';

const NOTICES = {
  invitation: 'session.invitation',
  day_before: 'session.dayBefore',
  two_hours_before: 'session.twoHoursBefore',
  moved: 'session.moved',
  cancelled: 'session.cancelled',
} as const satisfies Record<SessionNotice, string>;

/** The text of each notice about a session, with its time, place and topic. */
export function sessionNotice(
  notice: SessionNotice,
  details: { when: string; place: string; topic: string; cancelReason?: string | undefined },
  language: Language,
): string {
  const { when, place, topic } = details;
  return say(NOTICES[notice], language, {
    when,
    place,
    topic,
    confirm: text('session.confirm'),
    because: details.cancelReason ? ` (${details.cancelReason})` : '',
  });
}
