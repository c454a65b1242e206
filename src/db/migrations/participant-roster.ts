import { rebuildParticipantRoster } from '../../domain/participants/roster';
import type { Models } from '../models';
import type { Migration } from '.';

/** The participant roster the lists and the overview read, built from the records held before it existed. */
export const participantRosterBuilt: Migration = {
  id: '2026-12-participant-roster',
  description: 'participant roster built from the participants',
  run: (models: Models) => rebuildParticipantRoster(models),
};
