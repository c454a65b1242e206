import { rebuildAuditDays } from '../audit-days';
import type { Models } from '../models';
import type { Migration } from '.';

/**
 * The audit page's days, built once from the audit log it filtered and sorted before (`audit_events`
 * read once). Running it again builds the same days.
 */
export const auditDaysKept: Migration = {
  id: '2026-12-audit-days-kept',
  description: "the audit log's entries kept by day",
  run: (models: Models) => rebuildAuditDays(models),
};
