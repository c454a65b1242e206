import { rebuildSessionIndex } from '../../domain/sessions/session-index';
import type { Models } from '../models';
import type { Migration } from '.';

/** The mentors' session indexes and the sessions' ledgers, built from what a database held before them. */
export const sessionIndexBuilt: Migration = {
  id: '2026-12-session-index',
  description: 'session indexes built from the sessions, answers and attendance',
  run: (models: Models) => rebuildSessionIndex(models),
};
