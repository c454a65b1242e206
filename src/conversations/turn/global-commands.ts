import type { Models } from '../../db/models';
import { text } from '../../i18n';
import { askForPerson } from '../handover';
import { globalCommand, type GlobalCommand } from '../commands';
import { keptDraft, type TurnHandler } from './chain';

/** A global command of a participant; START turns reminders back on only for one who stopped them. */
async function participantCommand(
  models: Models,
  participantId: string,
  text: string | undefined,
): Promise<GlobalCommand | undefined> {
  const command = globalCommand(text);
  if (command !== 'start') return command;
  const record = await models.participants.findById(participantId, { remindersStoppedAt: 1 }).lean();
  return record?.remindersStoppedAt ? 'resume' : 'menu';
}

/** A participant's words that work anywhere: STOP and MULAI, BANTUAN, BATAL and MENU. */
export const globalCommands: TurnHandler = {
  name: 'global commands',
  flows: ['menu'],
  actions: ['stop_reminders', 'resume_reminders'],
  async handle(turn, next) {
    const { person, inbound, desk, state } = turn;
    if (person.kind !== 'participant') return next();
    const command = await participantCommand(desk.models, person.id, inbound.text);
    if (command === 'stop' || command === 'resume') {
      await turn.runAction(command === 'stop' ? 'stop_reminders' : 'resume_reminders');
      turn.say(text(command === 'stop' ? 'chat.stopped' : 'chat.resumedReminders'));
      return;
    }
    if (command === 'help') {
      // Asked from within a complaint, the request is about the Puskesos's services.
      const flowId = state.flow?.flowId;
      state.draft = keptDraft(state.flow, state.draft);
      state.flow = undefined;
      const asked = await askForPerson(turn.handoverChat(), {
        reason: 'asked',
        flowId,
        participantId: person.id,
      });
      turn.handedOver(asked);
      return;
    }
    if (command === 'cancel') {
      state.flow = undefined;
      state.draft = undefined;
      turn.say(text('chat.cancelled'));
    }
    if (command !== 'menu' && command !== 'cancel') return next();
    state.draft = keptDraft(state.flow, state.draft);
    state.flow = undefined;
    state.handoff = false;
    await turn.follow(turn.begin('menu'));
  },
};
