import { digestActionOf } from '../../domain/digests';
import { nudgeFromMentor, type NudgeOutcome } from '../../domain/reminders';
import { startFlow } from '../../engine/conversation/step';
import { text, type LocalizedText, type TextVariable } from '../../i18n';
import { nextAllowedTime } from '../../scheduler/quiet-hours';
import { answerMentor } from '../mentor-commands';
import { ownParticipantNamed, typedDigestActionOf } from '../typed-digest-action';
import { continueWithoutMenu, type TurnHandler } from './chain';

/** What a mentor is told after asking for a participant to be reminded. */
const NUDGE_REPLIES: Record<NudgeOutcome, (name: TextVariable) => LocalizedText> = {
  queued: (name) => text('mentor.nudgeQueued', { name }),
  already_today: (name) => text('mentor.nudgeAlreadyToday', { name }),
  not_yours: () => text('mentor.nudgeNotYours'),
  stopped: (name) => text('mentor.nudgeStopped', { name }),
  unreachable: (name) => text('mentor.nudgeUnreachable', { name }),
};

function mentorFlowAsked(typed: string | undefined): string | undefined {
  const words = (typed ?? '').trim().toLowerCase().replace(/^\//, '');
  if (/^(sesi|buat sesi|jadwalkan|sesi baru|session)$/.test(words)) return 'mentor-session';
  if (/^(hadir|absen|kehadiran|attendance)$/.test(words)) return 'mentor-attendance';
  return undefined;
}

/**
 * A mentor: a tap under their digest, their flows (SESI to plan a session, HADIR to record who came),
 * else the commands they have.
 */
export const mentor: TurnHandler = {
  name: 'mentor',
  flows: ['mentor-session', 'mentor-attendance'],
  actions: [
    'list_mentor_participants',
    'choose_session_participants',
    'plan_mentor_session',
    'find_attendance_session',
    'record_attendance',
  ],
  async handle(turn, next) {
    const { person, inbound, context, desk } = turn;
    if (person.kind !== 'mentor') return next();
    const { models } = desk;
    // A tap under the digest works whatever the mentor was doing; typed as words where there are
    // no buttons, only outside a flow (a session's topic may well begin with "Kunjungi").
    let action = digestActionOf(inbound.choice);
    const typed = turn.state.flow ? undefined : typedDigestActionOf(inbound.text);
    if (!action && typed) {
      const named = await ownParticipantNamed(models, person.id, typed.name);
      if (!('found' in named)) {
        turn.say(
          'several' in named
            ? text('mentor.severalNamed', { count: named.several.length, names: named.several.join(', ') })
            : text('mentor.noneNamed', { name: typed.name }),
        );
        return;
      }
      action = { kind: typed.kind, participantId: named.found };
    }
    if (action?.kind === 'nudge') {
      const { quietHours, complaints } = desk;
      const { outcome, name } = await nudgeFromMentor(
        models,
        person.id,
        action.participantId,
        {
          now: context.now,
          dueAt: quietHours ? nextAllowedTime(context.now, context.timeZone, quietHours) : context.now,
          timeZone: context.timeZone,
        },
        complaints.fallback,
      );
      turn.say(NUDGE_REPLIES[outcome](name ?? text('mentor.theParticipant')));
      return;
    }
    if (action?.kind === 'visit') {
      const flow = desk.flows.get('mentor-session');
      if (flow) {
        turn.state.flow = undefined;
        const given = { visit: true, visit_participant: action.participantId };
        return turn.follow(startFlow(flow, context, given));
      }
    }
    const inHand = turn.state.flow;
    if (inHand && mentor.flows.includes(inHand.flowId)) return continueWithoutMenu(turn, inHand);
    const asked = mentorFlowAsked(inbound.text);
    if (asked) return turn.follow(turn.begin(asked));
    turn.state.replies.push(
      ...(await answerMentor(
        models,
        person.id,
        inbound.text,
        context.now,
        context.timeZone,
        context.language,
      )),
    );
  },
};
