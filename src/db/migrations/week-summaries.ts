import { rebuildWeekSummaries } from '../../domain/reports/week-summaries';
import type { Models } from '../models';
import type { Migration } from '.';

/** The overview's week summaries, built from the reports a database held before they existed. */
export const weekSummariesBuilt: Migration = {
  id: '2026-12-week-summaries',
  description: 'week summaries built from the weekly reports',
  run: (models: Models) => rebuildWeekSummaries(models),
};
