import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, codeFromMailbox, launch, openPage, screenshot, typeInto, unexpectedErrors,
} from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('r_otp_1 a demo user signs in, reads the code in the development mailbox, lands home and signs out', async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'FLH0000001');
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/code/**');
  await page.getByRole('heading', { level: 1, name: 'Saisie du code' }).waitFor();
  await page.getByText(/Un code à 6 chiffres a été envoyé à a•••••@flh\.example/).waitFor();
  await page.getByText(/Essais restants : 5/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'saisie-du-code');

  const code = await codeFromMailbox(page, 'admin@flh.example');
  await typeInto(page, 'Code de vérification', code === '000000' ? '111111' : '000000');
  await page.keyboard.press('Enter');
  await page.getByText('Le code saisi est incorrect. Il vous reste 4 essais.').waitFor();
  await page.getByLabel('Code de vérification').fill('');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');

  await page.waitForURL('**/accueil');
  await page.getByRole('heading', { level: 1, name: 'Bonjour Hélène Guérin' }).waitFor();
  await page.getByText('Foncière Loire Habitat').first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'accueil');

  // A reload keeps the session: the refresh cookie gives new tokens.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Bonjour Hélène Guérin' }).waitFor();

  await page.getByRole('button', { name: 'Déconnexion' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion');
  await page.goto(page.url().replace('/connexion', '/accueil'));
  await page.waitForURL('**/connexion');
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_auth_4 an account whose email was never validated confirms it first', async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'rdport0001');
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/adresse-mail/**');
  await page.getByRole('heading', { level: 1, name: "Validation de l'adresse mail" }).waitFor();
  await typeInto(page, 'Adresse mail', 'contact@rdport.example', { exact: true });
  await typeInto(page, "Confirmation de l'adresse mail", 'contact@rdport.exemple');
  await page.keyboard.press('Enter');
  await page.getByText('Les deux adresses mail saisies ne sont pas identiques.').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'validation-adresse-mail');
  await page.getByLabel("Confirmation de l'adresse mail").fill('contact@rdport.example');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/code/**');
  const code = await codeFromMailbox(page, 'contact@rdport.example');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/accueil');
  await page.getByText('RDPORT0001').first().waitFor();
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_auth_7 a wrong password reads the same as an unknown login', async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'JMARTIN044');
  await typeInto(page, 'Mot de passe', 'Pas-le-bon-1!', { exact: true });
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const wrongPassword = await alert.innerText();
  assert.match(wrongPassword, /Identifiant, adresse mail ou mot de passe incorrect/);
  await page.getByLabel('Identifiant ou adresse mail').fill('personne@nulle-part.example');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await alert.waitFor();
  assert.equal(await alert.innerText(), wrongPassword);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_reset_2 forgotten password: security check, code by mail, new password, sign-in', async () => {
  const page = await openPage(context, '/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
  await page.getByText('Vérification de sécurité réussie.').waitFor({ timeout: 20_000 });
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mot-de-passe-oublie');
  await typeInto(page, 'Identifiant ou adresse mail', 'JMARTIN075');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/code/**');
  await page.getByText(/envoyé à l'adresse mail du compte/).waitFor();
  const code = await codeFromMailbox(page, 'jeanne.martin.paris@perso.example');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/mot-de-passe/**');
  await typeInto(page, 'Nouveau mot de passe', 'Paris-Retrouve-2026!');
  await typeInto(page, 'Confirmation du mot de passe', 'Paris-Retrouve-2026!');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion?mot-de-passe=modifie');
  await page.getByText('Votre mot de passe a été modifié : connectez-vous avec le nouveau.').waitFor();
  await typeInto(page, 'Identifiant ou adresse mail', 'JMARTIN075');
  await typeInto(page, 'Mot de passe', 'Paris-Retrouve-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/accueil');
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});
