import type { Models } from '../../src/db/models';
import { NikVault } from '../../src/domain/identity';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import type { Logger } from '../../src/log';
import { testApiDependencies } from './api';
import { testConversationService } from './conversations';
import { listenOnLoopback } from './http';
import { PRIVACY_NIK_KEY } from './privacy-data';

/** The dashboard over HTTP on loopback, with the privacy tests' NIK key: where an admin asks and reads. */
export function listenWithDashboard(models: Models, clock: () => Date, logger: Logger) {
  const dependencies = {
    ...testApiDependencies({
      models,
      conversations: testConversationService(models, clock, logger),
      clock,
      logger,
    }),
    nikVault: new NikVault(Buffer.from(PRIVACY_NIK_KEY, 'hex')),
  };
  const app = createHttpApp({
    databaseReady: () => Promise.resolve(true),
    routers: [dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  return listenOnLoopback(app);
}
