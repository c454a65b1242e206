import type { Server } from 'node:http';
import { resolve as resolvePath, join } from 'node:path';
import { Bot } from 'grammy';
import { openDatabase } from './db';
import { databaseReachable } from './db/connect';
import { simulatorRouters } from './channels/simulator';
import { telegramStatus, type ChannelStatusSource } from './channels/status-source';
import { createTelegramChannel } from './channels/telegram';
import { createWhatsAppCloudChannel } from './channels/whatsapp-cloud';
import {
  createWhatsAppWebChannel,
  describeState,
  MongoSessionStore,
  WHATSAPP_ADMIN_PATH,
  whatsappAdminRouter,
  whatsappWebClientFactory,
} from './channels/whatsapp-web';
import { complaintDeskSettingsOf, conversationServiceFor } from './conversations';
import { InvalidFlowsError, loadFlows } from './engine/flows';
import { NikVault } from './domain/identity';
import { secretValuesOf, type Config } from './config';
import { loadEnvironmentOrExit } from './environment';
import { removeExpiredSignInCodes, removeExpiredWebSessions, removeOldSignInAttempts } from './auth';
import { createHttpApp } from './http';
import { apiV1Router, type ApiDependencies } from './http/api/v1';
import { dashboardRouter } from './http/dashboard';
import { createLogger, hideSecrets, keepRunningOnUnhandledRejections } from './log';
import { JobRunner, nextAllowedTime, programJobs, startRepeatingTasks } from './scheduler';
import { scheduleSettingsOf } from './scheduler/settings';
import { resolveNikKey } from './secrets';

/** How often messages left waiting (by an instance that stopped, or after a passing error) are looked for. */
const SWEEP_EVERY_MS = 5_000;

/** Composition root: config → flows → database → conversations → scheduler → channels → http. */
async function main(): Promise<void> {
  const config = loadEnvironmentOrExit();
  hideSecrets(secretValuesOf(config));
  const logger = createLogger(config.LOG_LEVEL);
  keepRunningOnUnhandledRejections(logger);
  const flows = loadFlowsOrExit(config.FLOWS_DIR);
  logger.info(
    { flows: [...flows.keys()] },
    `flows loaded: ${[...flows.values()].map((flow) => `${flow.id} v${flow.version}`).join(', ')}`,
  );
  const nikKey = resolveNikKey(config);
  logger.info({ source: nikKey.source }, 'NIK encryption key loaded');

  const database = await openDatabase(config, (message) => logger.info(message));
  logger.info({ database: database.server.description }, `database: ${database.server.description}`);

  const clock = () => new Date();
  const conversations = conversationServiceFor(config, database.models, flows, logger, clock);
  const signInWindowMs = config.SIGN_IN_LOCKOUT_MINUTES * 60_000;
  const stopRepeatingTasks = await startRepeatingTasks(
    [
      // Messages left waiting by an instance that stopped mid-way are picked up at start and then
      // often: it reads only the queue of unfinished messages, and it is what answers a chat whose
      // instance was killed mid-message.
      { name: 'sweep', everyMs: SWEEP_EVERY_MS, atStart: true, run: () => conversations.sweep() },
      // FerretDB has no TTL index: expired sessions, sign-in codes and attempts past their window are removed here.
      {
        name: 'tidy',
        everyMs: 10 * 60_000,
        run: () =>
          Promise.all([
            removeExpiredWebSessions(database.models, clock()),
            removeOldSignInAttempts(database.models, clock(), signInWindowMs),
            removeExpiredSignInCodes(database.models, clock()),
          ]),
      },
    ],
    logger,
  );

  const scheduler = new JobRunner(
    database.models,
    programJobs(database.models, scheduleSettingsOf(config)),
    clock,
    logger,
  );
  if (config.SCHEDULER_ENABLED) scheduler.start();

  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ...(config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
          ? { webhook: { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET } }
          : {}),
        models: database.models,
        conversations,
        logger,
        clock,
      })
    : undefined;

  const cloud = whatsappCloudCredentials(config);
  const whatsappCloud = cloud
    ? createWhatsAppCloudChannel({
        ...cloud,
        apiRoot: config.WHATSAPP_CLOUD_API_ROOT,
        templates: {
          reminder: config.WHATSAPP_CLOUD_REMINDER_TEMPLATE,
          digest: config.WHATSAPP_CLOUD_DIGEST_TEMPLATE,
          language: config.WHATSAPP_CLOUD_TEMPLATE_LANGUAGE,
        },
        limits: { perSecond: config.WHATSAPP_CLOUD_MESSAGES_PER_SECOND },
        models: database.models,
        conversations,
        logger,
        clock,
      })
    : undefined;

  // RemoteAuth unpacks the session here while Chromium runs; MongoDB keeps it between runs.
  const whatsappWebDir = resolvePath(join(config.DATA_DIR, 'whatsapp-web'));
  const whatsappWeb = config.WHATSAPP_WEB_ENABLED
    ? createWhatsAppWebChannel({
        models: database.models,
        conversations,
        logger,
        clock,
        createClient: whatsappWebClientFactory({
          executablePath: config.CHROMIUM_PATH,
          store: new MongoSessionStore(database.connection, whatsappWebDir),
          dataPath: whatsappWebDir,
          backupIntervalMs: 5 * 60_000,
        }),
        pacing: {
          intervalMs: config.WHATSAPP_WEB_SEND_INTERVAL_MS,
          jitterMs: config.WHATSAPP_WEB_SEND_JITTER_MS,
        },
      })
    : undefined;
  const whatsappAdmin =
    whatsappWeb && config.WHATSAPP_WEB_ADMIN_TOKEN
      ? {
          path: WHATSAPP_ADMIN_PATH,
          router: whatsappAdminRouter(whatsappWeb, config.WHATSAPP_WEB_ADMIN_TOKEN),
        }
      : undefined;
  // What the channels page shows. Telegram is asked through a grammY client of its own for the same
  // bot (the channel keeps its client to itself); telegramStatus cuts each call short.
  const channelStatus: ChannelStatusSource = {
    whatsappWeb,
    whatsappCloud: cloud ? { phoneNumberId: cloud.phoneNumberId } : undefined,
    telegram: config.TELEGRAM_BOT_TOKEN
      ? telegramStatus(
          new Bot(config.TELEGRAM_BOT_TOKEN, {
            client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') },
          }).api,
          { webhookUrl: telegram?.webhook ? config.TELEGRAM_WEBHOOK_URL : undefined },
        )
      : undefined,
  };
  const apiDependencies: ApiDependencies = {
    models: database.models,
    conversations,
    complaints: complaintDeskSettingsOf(config),
    allowedFrom: (due) => nextAllowedTime(due, config.DEFAULT_TIMEZONE, config.QUIET_HOURS),
    clock,
    cloudReminderTemplate: config.WHATSAPP_CLOUD_REMINDER_TEMPLATE,
    logger,
    nikVault: new NikVault(nikKey.key),
    channels: channelStatus,
    auth: {
      cookieSecurity: config.COOKIE_SECURE,
      sessionLifetimeMs: config.SESSION_HOURS * 3_600_000,
      signIn: {
        maxFailuresPerAccount: config.SIGN_IN_MAX_FAILURES,
        maxAttemptsPerAddress: config.SIGN_IN_MAX_PER_ADDRESS,
        windowMs: signInWindowMs,
      },
      timeZone: config.DEFAULT_TIMEZONE,
    },
  };
  const api = apiV1Router(apiDependencies);

  const routers = [
    api,
    dashboardRouter(apiDependencies),
    ...(config.SIMULATOR_ENABLED ? simulatorRouters({ models: database.models, conversations, clock }) : []),
    ...(telegram?.webhook ? [telegram.webhook] : []),
    ...(whatsappCloud ? [whatsappCloud.webhook] : []),
    ...(whatsappAdmin ? [whatsappAdmin] : []),
  ];
  const app = createHttpApp({
    databaseReady: () => databaseReachable(database.connection),
    routers,
    ...(whatsappWeb ? { channelStates: () => ({ whatsappWeb: describeState(whatsappWeb.state()) }) } : {}),
    logger,
    trustProxy: config.TRUST_PROXY,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = `http://${config.HOST}:${config.PORT}`;
  logger.info({ address }, `Pendamping is listening on ${address}`);
  if (config.SIMULATOR_ENABLED) logger.info(`web simulator: ${address}/simulator`);
  if (config.SIMULATOR_OFF_FOR_HOST) {
    logger.warn(
      `web simulator off: HOST ${config.HOST} is reachable from other machines, and the simulator lets anyone ` +
        'write as anyone; set SIMULATOR_ENABLED=true to turn it on anyway',
    );
  }
  // After listening, since Telegram posts as soon as the webhook is set. Not awaited: it keeps retrying
  // while Telegram is unreachable; it rejects only on a configuration error (bad token, refused URL).
  telegram?.start().then(
    () => logger.info(`Telegram: ${config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'long polling'}`),
    (error: unknown) => {
      logger.error({ err: error }, 'Telegram channel could not start');
      process.exit(1);
    },
  );

  // Meta posts to the webhook once the app is subscribed; the sender starts with the channel.
  if (whatsappCloud) {
    await whatsappCloud.start();
    logger.info(`WhatsApp Cloud API webhook: ${address}${whatsappCloud.webhook.path}`);
  }

  // After listening, so that staff can open the QR code as soon as it is there. It does not wait for
  // the phone: it takes the session (or stands by) and connects in the background.
  if (whatsappWeb) {
    await whatsappWeb.start();
    if (whatsappAdmin) logger.info(`WhatsApp Web session and QR code: ${address}${WHATSAPP_ADMIN_PATH}`);
    else
      logger.warn(
        'WHATSAPP_WEB_ADMIN_TOKEN is not set: the WhatsApp Web QR code is shown in the terminal only',
      );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in progress');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    stopRepeatingTasks();
    try {
      await scheduler.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await telegram?.stop();
      await whatsappCloud?.stop();
      await whatsappWeb?.stop();
      await database.close();
    } catch (error) {
      logger.error({ err: error }, 'shutdown did not finish cleanly');
      process.exit(1);
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** The Cloud API's credentials when all four are set (config.ts refuses a partial set). */
function whatsappCloudCredentials(config: Config) {
  const {
    WHATSAPP_CLOUD_TOKEN: token,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: phoneNumberId,
    WHATSAPP_CLOUD_APP_SECRET: appSecret,
    WHATSAPP_CLOUD_VERIFY_TOKEN: verifyToken,
  } = config;
  return token && phoneNumberId && appSecret && verifyToken
    ? { token, phoneNumberId, appSecret, verifyToken }
    : undefined;
}

/** An invalid flow is a configuration error: the service must not talk to people with it. */
function loadFlowsOrExit(directory: string) {
  try {
    return loadFlows(directory);
  } catch (error) {
    if (!(error instanceof InvalidFlowsError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

main().catch((error: unknown) => {
  console.error(`Pendamping could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
