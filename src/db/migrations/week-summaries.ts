import { rebuildWeekSummaries } from '../../domain/reports/week-summaries';
import type { Models } from '../models';
import type { Migration } from '.';

/** The overview's week summaries, built from the reports a database held before they existed. */
export const weekSummariesBuilt: Migration = {
  id: '2026-12-week-summaries',
  description: 'week summaries built from the weekly reports',
  run: (models: Models) => rebuildWeekSummaries(models),
};

/** The summaries built again, now that they also hold each report's spending and savings balance. */
export const weekSummariesWithBalances: Migration = {
  id: '2026-12-week-summaries-balances',
  description: 'week summaries built again with spending and savings balances',
  run: (models: Models) => rebuildWeekSummaries(models),
};
