import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launch, openPage, screenshot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('r_auth_1 the sign-in page renders in French with both links', async () => {
  const page = await openPage(context, '/');
  await page.waitForURL('**/connexion');
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByLabel('Identifiant ou adresse mail').waitFor();
  await page.getByLabel('Mot de passe', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'Mot de passe oublié' }).waitFor();
  await page.getByRole('link', { name: 'Problème de connexion' }).first().waitFor();
  await page.getByRole('button', { name: 'Connexion' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Saisissez votre identifiant ou votre adresse mail/);
  await screenshot(page, 'connexion');
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(await axeViolations(page), []);
});

test('the connection help page is reachable by keyboard-free link and accessible', async () => {
  const page = await openPage(context, '/connexion');
  await page.locator('main').getByRole('link', { name: 'Problème de connexion' }).click();
  await page.getByRole('heading', { level: 1, name: 'Problème de connexion' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(await axeViolations(page), []);
});

test('an unknown address shows a French not-found page', async () => {
  const page = await openPage(context, '/nulle-part');
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(await axeViolations(page), []);
});
