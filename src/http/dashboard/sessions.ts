import type { ApiDependencies } from '../api/v1/dependencies';
import type { Page } from './page';
import { sessionFormPages } from './session-form';
import { sessionListPage } from './session-list';

/**
 * The mentoring sessions pages under /dashboard/sesi: a mentor's own sessions, all for a Dinsos
 * admin, none for Puskesos staff (attendance is a declared page). Every change goes through src/http/actions/sessions.ts, as the API's
 * do, so participants get the same invitations, notices and reminders.
 */
export function sessionPages(dependencies: ApiDependencies): Page[] {
  return [sessionListPage(dependencies), ...sessionFormPages(dependencies)];
}
