import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, codeFromMailbox, launch, openPage, screenshot, typeInto, unexpectedErrors,
} from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('r_auth_5 first connection of TILLEUL001 up to the home page', async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'TILLEUL001');
  await typeInto(page, 'Mot de passe', 'Provisoire-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/adresse-mail/**');
  await typeInto(page, 'Adresse mail', 'gerance@tilleuls.example', { exact: true });
  await typeInto(page, "Confirmation de l'adresse mail", 'gerance@tilleuls.example');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/code/**');
  const code = await codeFromMailbox(page, 'gerance@tilleuls.example');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');

  await page.waitForURL('**/connexion/mot-de-passe/**');
  await page.getByRole('heading', { level: 1, name: 'Choix du mot de passe' }).waitFor();
  const met = page.locator('li.rule.met');
  assert.equal(await met.count(), 0);
  await typeInto(page, 'Nouveau mot de passe', 'tilleuls');
  assert.equal(await met.count(), 1, 'only the lower-case rule is met');
  await page.keyboard.type('-Ete2026');
  assert.equal(await met.count(), 5, 'every rule is met as the user types');
  await screenshot(page, 'choix-du-mot-de-passe');
  assert.deepEqual(await axeViolations(page), []);
  await typeInto(page, 'Confirmation du mot de passe', 'tilleuls-Ete2026');
  await page.keyboard.press('Enter');

  await page.waitForURL('**/connexion/conditions/**');
  await page.getByRole('heading', { level: 1, name: "Conditions d'utilisation" }).waitFor();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByText('Vous devez accepter les règles d\'usage.').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel("J'accepte les règles d'usage de l'Espace Bailleur").check();
  await page.getByLabel("J'accepte les conditions générales d'utilisation").check();
  await page.getByRole('button', { name: 'Valider' }).click();

  await page.waitForURL('**/accueil');
  await page.getByText('TILLEUL001').first().waitFor();
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test('r_auth_2 the 138 accounts sharing an email: search, pages, choice', async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'gestion@sicgpi.example');
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/code/**');
  const code = await codeFromMailbox(page, 'gestion@sicgpi.example');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');

  await page.waitForURL('**/connexion/selection-de-comptes/**');
  await page.getByText('138 compte(s) – page 1 sur 7').waitFor();
  assert.equal(await page.locator('tbody tr').count(), 20);
  await page.getByRole('button', { name: 'Page suivante' }).click();
  await page.getByText('138 compte(s) – page 2 sur 7').waitFor();
  await page.getByRole('cell', { name: 'A6D5AZT321', exact: true }).waitFor();
  await screenshot(page, 'selection-de-comptes');
  assert.deepEqual(await axeViolations(page), []);
  await typeInto(page, 'Rechercher un compte (identifiant, SIRET, nom, Caf)', 'a6d5azt337');
  await page.keyboard.press('Enter');
  await page.getByText('1 compte(s) – page 1 sur 1').waitFor();
  await page.getByRole('button', { name: 'Choisir le compte A6D5AZT337' }).click();

  await page.waitForURL('**/accueil');
  await page.getByText('A6D5AZT337').first().waitFor();
  await page.getByText('Votre adresse mail est partagée par 138 comptes.').waitFor();

  // R-AUTH-3: switch from the menu, without signing in again.
  await page.getByRole('link', { name: 'Sélection de comptes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sélection de comptes' }).waitFor();
  await typeInto(page, 'Rechercher un compte (identifiant, SIRET, nom, Caf)', 'A6D5AZT420');
  await page.keyboard.press('Enter');
  await page.getByText('1 compte(s) – page 1 sur 1').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Choisir le compte A6D5AZT420' }).click();
  await page.waitForURL('**/accueil');
  await page.getByRole('navigation', { name: 'Menu principal' }).getByText('A6D5AZT420').waitFor();
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});

test("r_space_4 the seeds' tenant of Couëron, from the home page", async () => {
  const page = await openPage(context, '/connexion');
  await typeInto(page, 'Identifiant ou adresse mail', 'gestion@sicgpi.example');
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL('**/connexion/selection-de-comptes/**');
  await typeInto(page, 'Rechercher un compte (identifiant, SIRET, nom, Caf)', 'A6D5AZT301');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Choisir le compte A6D5AZT301' }).click();
  await page.waitForURL('**/accueil');
  await page.getByRole('link', { name: 'Accéder' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mes locataires' }).waitFor();
  await typeInto(page, 'Rechercher un locataire (nom, n° allocataire, adresse)', '1593739');
  await page.keyboard.press('Enter');
  await page.getByText('1 locataire(s) – page 1 sur 1').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('link', { name: '1593739' }).click();
  await page.getByRole('heading', { level: 1, name: 'Informations locataire' }).waitFor();
  for (const text of ['PREMIER ETAGE BATIMENT C 44220 COUERON', '525,00 €', '111,00 €',
    'Locataire depuis le 24/10/2021', 'Logement nu', 'Etat du logement : Décent', 'Superficie : 43m²']) {
    await page.getByText(text).first().waitFor();
  }
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'informations-locataire');

  // R-SPACE-5: the July rent and a co-tenancy change, declared together.
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('Loyer de juillet', { exact: true }).check();
  await page.getByLabel('Nouvelle colocation', { exact: true }).check();
  await page.getByLabel('Loyer hors charges (€)').fill('530,00');
  await page.getByLabel('Nouveau nombre de colocataires (1 à 20)').fill('1');
  await page.getByLabel('Date du changement').fill(today);
  await page.getByRole('button', { name: 'Transmettre' }).click();
  await page.getByText("C'est déjà le nombre de colocataires connu de la Caf.").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('Nouveau nombre de colocataires (1 à 20)').fill('2');
  await page.getByRole('button', { name: 'Transmettre' }).click();
  await page.waitForURL('**/declarations?transmises=*');
  await page.getByText('Vos déclarations ont bien été transmises à la Caf.', { exact: false }).waitFor();
  const rows = page.getByRole('row');
  await rows.filter({ hasText: 'Nouvelle colocation' }).filter({ hasText: 'Transmise' }).first().waitFor();
  await rows.filter({ hasText: 'Loyer de juillet' }).filter({ hasText: 'Transmise' }).first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mes-declarations');
  await rows.filter({ hasText: 'Loyer de juillet' }).filter({ hasText: 'Transmise' }).first().getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: 'Accusé de réception' }).waitFor();
  await page.getByText('530,00 €').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // R-SPACE-2, R-SPACE-6: the home page, with the Caf's notices, contacts and delays.
  await page.goto(new URL('/accueil', page.url()).href);
  for (const name of ['À savoir', 'Mes informations', 'Consulter et déclarer', 'Contactez la Caf', 'Délais de traitement']) {
    await page.getByRole('heading', { name }).waitFor();
  }
  await page.getByRole('link', { name: 'Modifier mes informations' }).waitFor();
  await page.getByRole('cell', { name: 'Loyer de juillet' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'accueil-bailleur');

  // R-PROF-3: new bank details, behind a code mailed to the account.
  await page.getByRole('link', { name: 'Adresse et coordonnées bancaires' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mes données bailleur' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel('Nouvel IBAN').fill('FR76 3000 6000 0112 3456 7890 188');
  await page.getByLabel('BIC').fill('AGRIFRPP882');
  await page.getByRole('button', { name: 'Modifier mes coordonnées bancaires' }).click();
  await page.getByText('La clé de contrôle ne correspond pas : vérifiez la saisie.').waitFor();
  await page.getByLabel('Nouvel IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByRole('button', { name: 'Modifier mes coordonnées bancaires' }).click();
  await page.getByRole('heading', { level: 1, name: 'Saisie du code' }).waitFor();
  const code = await codeFromMailbox(page, 'gestion@sicgpi.example');
  await typeInto(page, 'Code de vérification', code);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/bailleur?modification=faite');
  await page.getByText('Vos coordonnées bancaires ont été modifiées.').waitFor();
  await page.getByText('FR76 •••• •••• •••• •••• •••0 189').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'mes-donnees-bailleur');

  // R-SPACE-7: the aid paid to the landlord.
  await page.goto(new URL('/paiements', page.url()).href);
  await page.getByRole('heading', { level: 1, name: 'Paiements reçus' }).waitFor();
  await page.getByRole('row').filter({ hasText: '1593739' }).filter({ hasText: '111,00 €' }).first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'paiements-recus');
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});
