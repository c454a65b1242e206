import { say } from '../../i18n';
import { continueWithoutMenu, type TurnHandler } from './chain';

const RESIDENT_COMPLAINT_WORDS = /^\s*\/?(aduan|pengaduan|ngadu|complaint|pangaduan)\s*[.!]*\s*$/i;

/**
 * Someone we do not know: they may complain to the Puskesos, answer the staff about it and rate its
 * answer; otherwise they are told how to be registered, or on Telegram asked to share their number
 * so we can tell.
 */
export const resident: TurnHandler = {
  name: 'resident',
  flows: ['resident-complaint', 'complaint-reply', 'complaint-rating'],
  actions: ['open_resident_complaint', 'relay_complaint_message', 'rate_complaint'],
  async handle(turn, next) {
    const { person, inbound, context } = turn;
    if (person.kind !== 'unknown') return next();
    const inHand = turn.state.flow;
    if (inHand && resident.flows.includes(inHand.flowId)) return continueWithoutMenu(turn, inHand);
    if (RESIDENT_COMPLAINT_WORDS.test(inbound.text ?? ''))
      return turn.follow(turn.begin('resident-complaint'));
    // Telegram does not tell us the number: the person shares it with a button, and the channel
    // links their account when the number belongs to a participant.
    // Someone else's contact (picked from the phone's list) says nothing of who is writing.
    const telegram = inbound.channel === 'telegram';
    const asked = !telegram
      ? undefined
      : !inbound.contact
        ? 'chat.shareContact'
        : inbound.contact.own === false
          ? 'chat.shareOwnContact'
          : undefined;
    turn.state.replies.push({
      text: say(asked ?? 'chat.unregistered', context.language),
      ...(asked ? { requestContact: true } : {}),
    });
  },
};
