/**
 * Puppeteer (a dependency of whatsapp-web.js) downloads a browser of its own when it is installed.
 * Pendamping drives the system's Chromium instead (CHROMIUM_PATH, Debian's /usr/bin/chromium), so
 * no install, on any machine, downloads one: puppeteer's install script reads this file first.
 *
 * @type {import("puppeteer").Configuration}
 */
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
};
