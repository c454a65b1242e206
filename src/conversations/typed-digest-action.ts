import { Types } from 'mongoose';
import type { Models } from '../db/models';

/**
 * The digest's one-tap actions typed as words, for mentors whose app shows no buttons (WhatsApp
 * Web): `INGATKAN Siti Aminah`, `KUNJUNGI siti`. English and the slash forms work too.
 */
const TYPED_ACTION = /^\/?(ingatkan|remind|kunjungi|visit)\s+(\S.{0,79})$/i;

export type TypedDigestAction = { kind: 'nudge' | 'visit'; name: string };

export function typedDigestActionOf(text: string | undefined): TypedDigestAction | undefined {
  const match = TYPED_ACTION.exec((text ?? '').trim());
  if (!match) return undefined;
  const verb = (match[1] ?? '').toLowerCase();
  return { kind: verb === 'ingatkan' || verb === 'remind' ? 'nudge' : 'visit', name: match[2] ?? '' };
}

const wordsOf = (name: string) => name.toLowerCase().normalize('NFC').split(/\s+/).filter(Boolean);

/**
 * Which of the mentor's own participants a typed name means: the one whose full name it is, else the
 * only one whose name starts with those words ("siti" for Siti Aminah). Several are named back so
 * the mentor can type the full name; never someone else's participant.
 */
export async function ownParticipantNamed(
  models: Models,
  mentorId: string,
  typed: string,
): Promise<{ found: string } | { none: true } | { several: string[] }> {
  const mentor = new Types.ObjectId(mentorId);
  const own = await models.participants
    .find({ $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] }, { name: 1 })
    .lean();
  const wanted = wordsOf(typed);
  const exact = own.filter((participant) => wordsOf(participant.name).join(' ') === wanted.join(' '));
  const matching =
    exact.length > 0
      ? exact
      : own.filter((participant) => {
          const words = wordsOf(participant.name);
          return wanted.every((word, index) => words[index]?.startsWith(word));
        });
  const [first, ...rest] = matching;
  if (!first) return { none: true };
  return rest.length === 0
    ? { found: String(first._id) }
    : { several: matching.map((participant) => participant.name) };
}
