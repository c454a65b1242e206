import { LANGUAGES } from '../../domain/program';
import { nothing, word, type ActionHandler } from './types';

export const CONSENT_PURPOSE = 'Pendampingan ProKUS: laporan usaha mingguan dan pengingat';

export const recordConsent: ActionHandler = async (_answers, { models, participantId, inbound, now }) => {
  await models.participants.updateOne(
    { _id: participantId },
    { $set: { consent: { purpose: CONSENT_PURPOSE, givenAt: now, channel: inbound.channel } } },
  );
  return nothing();
};

export const setLanguage: ActionHandler = async (answers, { models, participantId }) => {
  const language = word(answers.language);
  if ((LANGUAGES as readonly string[]).includes(language)) {
    await models.participants.updateOne({ _id: participantId }, { $set: { language } });
  }
  return nothing();
};

export const stopReminders: ActionHandler = async (_answers, { models, participantId, now }) => {
  await models.participants.updateOne({ _id: participantId }, { $set: { remindersStoppedAt: now } });
  return nothing();
};

export const resumeReminders: ActionHandler = async (_answers, { models, participantId }) => {
  await models.participants.updateOne({ _id: participantId }, { $unset: { remindersStoppedAt: 1 } });
  return nothing();
};
