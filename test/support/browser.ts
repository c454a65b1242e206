import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { simulatorRouters } from '../../src/channels/simulator';
import type { ConversationService } from '../../src/conversations';
import { databaseReachable } from '../../src/db/connect';
import type { Models } from '../../src/db/models';
import { createHttpApp } from '../../src/http';
import { apiV1Router, type ApiDependencies } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import type { Logger } from '../../src/log';
import { testApiDependencies } from './api';
import { testConversationService } from './conversations';
import { listenOnLoopback } from './http';

/**
 * The dashboard driven in a real browser: Debian's Chromium (the `chromium` package; CI installs it),
 * through playwright-core, which never downloads a browser of its own.
 */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the end-to-end tests save their screenshots (kept by CI as artifacts). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the dashboard's end-to-end tests need Debian's chromium package (apt-get install chromium; .ci/run installs it)`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

export interface Tab {
  page: Page;
  /** What the content security policy blocked on this tab: the pages must work without any of it. */
  cspViolations: string[];
}

/** A new browser tab of its own (its own cookies), the size of an office PC's screen unless told. */
export async function openTab(
  browser: Browser | undefined,
  options: { width?: number; height?: number } = {},
): Promise<Tab> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1024, height: options.height ?? 768 },
    locale: 'id-ID',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
}

/** Fills the sign-in form the page shows and submits it. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

/** Clicks what navigates (a link, a form's button) and waits for the next page. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/**
 * Waits until `expression` is true in the page. Page.waitForFunction would poll by evaluating the
 * text inside the page, which the dashboard's content security policy (no 'unsafe-eval') refuses
 * whenever the first look is false; each evaluate here goes through the browser's protocol instead.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting in the page for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** The path of the page the browser is on. */
export const pathOf = (page: Page) => new URL(page.url()).pathname;

/**
 * The service as `npm start` serves it to a browser: the API, the dashboard and the web simulator
 * (whose transcript shows what a beneficiary received), over loopback.
 */
export async function serveDashboard(options: {
  connection: Connection;
  models: Models;
  clock: () => Date;
  logger: Logger;
  conversations?: ConversationService;
  dependencies?: Partial<ApiDependencies>;
}): Promise<{ base: string; close: () => Promise<void>; dependencies: ApiDependencies }> {
  const { connection, models, clock, logger } = options;
  const conversations = options.conversations ?? testConversationService(models, clock, logger);
  const dependencies = {
    ...testApiDependencies({ models, conversations, clock, logger }),
    ...options.dependencies,
  };
  const app = createHttpApp({
    databaseReady: () => databaseReachable(connection),
    routers: [
      apiV1Router(dependencies),
      dashboardRouter(dependencies),
      ...simulatorRouters({ models, conversations, clock }),
    ],
    logger,
  });
  const { base, close } = await listenOnLoopback(app);
  return { base, close, dependencies };
}
