import express, { type Express } from 'express';

export interface HttpDependencies {
  /** Whether the database answers a ping right now. */
  databaseReady: () => Promise<boolean>;
}

/** The service's express app; later issues add the channels' webhooks, the API and the dashboard. */
export function createHttpApp({ databaseReady }: HttpDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    const database = await databaseReady();
    response
      .status(database ? 200 : 503)
      .json({ status: database ? 'ready' : 'not_ready', database: database ? 'up' : 'down' });
  });

  app.use((_request, response) => {
    response.status(404).json({ error: 'not_found', message: 'No such endpoint' });
  });

  return app;
}
