import { complaintDeskSettingsOf } from '../../src/conversations';
import type { ComplainantNotice, ComplaintDeskSettings } from '../../src/domain/complaints';
import type { Models } from '../../src/db/models';
import type { ApiDependencies } from '../../src/http/api/v1';
import type { Logger } from '../../src/log';

/** Complaint deadlines as the service computes them: Jakarta, Christmas off, the simulator on. */
export const TEST_COMPLAINT_DESK = complaintDeskSettingsOf({
  DEFAULT_TIMEZONE: 'Asia/Jakarta',
  PUBLIC_HOLIDAYS: ['2026-12-25'],
  SIMULATOR_ENABLED: true,
});

/**
 * What the API and the dashboard need, as the service gives it, for the tests that serve them: sessions
 * of 12 hours, five failures lock an account, notices due at once (no quiet hours in these tests).
 * `maxAttemptsPerAddress` is low where a test reaches the per-address limit.
 */
export function testApiDependencies(options: {
  models: Models;
  conversations: { notify(notices: ComplainantNotice[]): Promise<void> };
  complaints?: ComplaintDeskSettings;
  clock: () => Date;
  logger: Logger;
  maxAttemptsPerAddress?: number;
}): ApiDependencies {
  const { maxAttemptsPerAddress = 50, complaints = TEST_COMPLAINT_DESK, ...shared } = options;
  return {
    ...shared,
    complaints,
    allowedFrom: (due) => due,
    auth: {
      cookieSecurity: 'auto',
      sessionLifetimeMs: 12 * 3_600_000,
      signIn: { maxFailuresPerAccount: 5, maxAttemptsPerAddress, windowMs: 15 * 60_000 },
      timeZone: 'Asia/Jakarta',
    },
  };
}
