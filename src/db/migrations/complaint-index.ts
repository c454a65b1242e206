import { rebuildComplaintIndexes } from '../../domain/complaints/complaint-index';
import type { Models } from '../models';
import type { Migration } from '.';

/**
 * The complaints' lists by Puskesos, built from the complaints a database held before they existed:
 * one read of `complaints` and of the participants' names.
 */
export const complaintIndexBuilt: Migration = {
  id: '2026-12-complaint-index',
  description: 'complaint lists by Puskesos built from the complaints',
  run: (models: Models) => rebuildComplaintIndexes(models),
};
