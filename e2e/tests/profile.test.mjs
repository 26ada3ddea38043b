import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, enterCode, launch, openPage, screenshot, typeInto, unexpectedErrors,
} from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

/** Signs in, through the code when one is due and the account choice when there is one. */
async function signIn(page, login, email, account) {
  await page.goto(page.url().replace(/\/[^/]*$/, '/connexion'));
  await typeInto(page, 'Identifiant ou adresse mail', login);
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/(accueil|connexion\/.+)$/);
  if (page.url().includes('/connexion/code/')) await enterCode(page, email);
  if (account) {
    await page.waitForURL('**/connexion/selection-de-comptes/**');
    await typeInto(page, 'Rechercher un compte (identifiant, SIRET, nom, Caf)', account);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Choisir le compte ${account}` }).click();
  }
  await page.waitForURL('**/accueil');
}

test('r_link_5 detachment from Mon profil: a new email, behind a code sent to that new address', async () => {
  const page = await openPage(context, '/connexion');
  await signIn(page, 'gestion@sicgpi.example', 'gestion@sicgpi.example', 'A6D5AZT338');
  await page.getByRole('link', { name: 'Mon profil' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
  await page.getByText(/partagés par \d+ comptes/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mon-profil');
  await typeInto(page, 'Nouvelle adresse mail', 'agence38@sicgpi.example', { exact: true });
  await typeInto(page, 'Confirmation de la nouvelle adresse mail', 'agence38@sicgpi.example');
  await page.getByRole('button', { name: "Modifier l'adresse mail" }).click();
  await enterCode(page, 'agence38@sicgpi.example');
  await page.waitForURL('**/profil?modification=faite');
  await page.getByText('Vos données de connexion ont été modifiées.').waitFor();
  await page.getByText('agence38@sicgpi.example', { exact: true }).waitFor();
  // The notice went to the new address (and to the old one).
  await page.goto(page.url().replace(/\/profil.*$/, '/boite-mail'));
  await page.locator('li.mail', { hasText: 'À agence38@sicgpi.example' }).getByText(/a changé/).first().waitFor();
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_link_3 the linking page lists the accounts of the email once its code is entered, then sets the common password', async () => {
  const page = await openPage(context, '/connexion');
  await signIn(page, 'FLH0000002', 'agent@flh.example');
  await page.getByRole('link', { name: 'Mon profil' }).click();
  await typeInto(page, 'Nouvelle adresse mail', 'gestion@sicgpi.example', { exact: true });
  await typeInto(page, 'Confirmation de la nouvelle adresse mail', 'gestion@sicgpi.example');
  await page.getByRole('button', { name: "Modifier l'adresse mail" }).click();
  // The code goes to the address being joined: only its owner can see the group (R-LINK-3).
  await page.getByRole('heading', { level: 1, name: 'Saisie du code' }).waitFor();
  assert.equal(await page.getByText(/déjà utilisée/).count(), 0);
  await enterCode(page, 'gestion@sicgpi.example');
  await page.waitForURL('**/connexion/mot-de-passe/**');
  await page.getByText(/L'adresse mail que vous venez de saisir est déjà utilisée pour \d+ comptes/).waitFor();
  await page.getByText(/compte\(s\) – page 1 sur 7/).waitFor();
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await page.getByText(/compte\(s\) – page 2 sur 7/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'rapprochement');
  await typeInto(page, 'Nouveau mot de passe', 'Rapproche-2026!');
  await typeInto(page, 'Confirmation du mot de passe', 'Rapproche-2026!');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/profil?modification=faite');
  await page.getByText(/partagés par \d+ comptes/).waitFor();
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_auth_5 the administrator creates a user from the Utilisateurs page', async () => {
  const page = await openPage(context, '/connexion');
  await signIn(page, 'FLH0000001', 'admin@flh.example');
  await page.getByRole('link', { name: 'Utilisateurs' }).click();
  await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
  await page.getByRole('cell', { name: 'FLH0000002', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByText('Ce champ est obligatoire.').first().waitFor();
  await typeInto(page, 'Prénom', 'Lucie', { exact: true });
  await typeInto(page, 'Nom', 'Marchand', { exact: true });
  await typeInto(page, 'Adresse mail personnelle', 'lucie.marchand@flh.example');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByText(/a été créé : son identifiant et son mot de passe provisoire ont été envoyés/).waitFor();
  await page.getByRole('cell', { name: 'Première connexion à faire' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'utilisateurs');
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});
