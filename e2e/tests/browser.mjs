// Shared by the browser tests: Debian's chromium through playwright-core, console error
// capture, and axe-core accessibility checks.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots');

export async function launch() {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bailleur-chromium-')), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(context, path) {
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(String(error)));
  await page.goto(baseUrl + path);
  return page;
}

/** axe-core's WCAG 2.1 AA violations on the current page. */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the page's Content-Security-Policy (no inline
  // script) stays on, as the server sends it (R-SEC-1).
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Refused requests show in the console as the browser's note of their status; nothing else may
 * (a Content-Security-Policy violation included). */
export const unexpectedErrors = (errors) => errors.filter((e) => !/status of (401|404|409|422)/.test(e));

/** Types into a labelled field with the keyboard. */
export async function typeInto(page, label, text, { exact = false } = {}) {
  await page.getByLabel(label, { exact }).focus();
  await page.keyboard.type(text);
}

/** From the code page: reads the newest code mailed to `to` on the development mailbox page,
 * checks that page's accessibility, and comes back. */
export async function codeFromMailbox(page, to) {
  await page.getByRole('link', { name: 'Lire le code dans la boîte mail de développement' }).click();
  await page.getByRole('heading', { level: 1, name: 'Boîte mail de développement' }).waitFor();
  const mail = page.locator('li.mail', { hasText: `À ${to}` }).first();
  await mail.waitFor();
  const text = await mail.locator('pre').innerText();
  const code = text.split('\n').map((line) => line.trim()).find((line) => /^\d{6}$/.test(line));
  if (!code) throw new Error(`no code in: ${text}`);
  const violations = await axeViolations(page);
  if (violations.length) throw new Error(`axe on the mailbox: ${violations.join('; ')}`);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Saisie du code' }).waitFor();
  return code;
}

/** On the code page: reads the code mailed to `to` and submits it. */
export async function enterCode(page, to) {
  await page.getByRole('heading', { level: 1, name: 'Saisie du code' }).waitFor();
  const code = await codeFromMailbox(page, to);
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');
}
