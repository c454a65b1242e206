import { say, type Language } from '../../i18n';
import type { DigestRow } from './rank';

/** How many of the people needing attention get one-tap actions under the digest. */
const ACTIONS_FOR = 3;

/**
 * One-tap actions under a mentor's digest for the first people who need attention: remind them to
 * report (`nudge:<id>`), or plan a visit (`visit:<id>`). Buttons on Telegram, a list on WhatsApp's
 * Cloud API, words to type on WhatsApp Web.
 */
export function digestActions(
  rows: DigestRow[],
  language: Language,
): { id: string; label: string; typed: string }[] {
  return rows
    .filter((row) => row.attention.length > 0)
    .slice(0, ACTIONS_FOR)
    .flatMap((row) => {
      const firstName = row.name.trim().split(/\s+/)[0] ?? row.name;
      return (['nudge', 'visit'] as const).map((kind) => ({
        id: `${kind}:${row.participantId}`,
        label: say(kind === 'nudge' ? 'digest.remind' : 'digest.visit', language, { name: firstName }),
        typed: say(kind === 'nudge' ? 'digest.remindTyped' : 'digest.visitTyped', language, {
          name: row.name,
        }),
      }));
    });
}

/** A tapped digest action: what it asks and for whom. */
export function digestActionOf(
  choice: string | undefined,
): { kind: 'nudge' | 'visit'; participantId: string } | undefined {
  const match = /^(nudge|visit):([0-9a-f]{24})$/.exec(choice ?? '');
  return match ? { kind: match[1] as 'nudge' | 'visit', participantId: match[2] ?? '' } : undefined;
}
