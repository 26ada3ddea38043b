import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  axeViolations, baseUrl, enterCode, launch, openPage, screenshot, typeInto, unexpectedErrors,
} from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

/** Signs in, through the code when one is due. */
async function signIn(page, login, email) {
  await page.goto(page.url().replace(/\/[^/]*$/, '/connexion'));
  await typeInto(page, 'Identifiant ou adresse mail', login);
  await typeInto(page, 'Mot de passe', 'Bailleur-Demo-2026!', { exact: true });
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/(accueil|connexion\/.+)$/);
  if (page.url().includes('/connexion/code/')) await enterCode(page, email);
  await page.waitForURL('**/accueil');
}

/** What software does (RFC 6749 §4.4): a token for the client, authenticated by HTTP Basic. */
function requestToken(clientId, secret) {
  const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`;
  return fetch(`${baseUrl}/api/v1/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
}

async function token(clientId, secret) {
  const response = await requestToken(clientId, secret);
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.scope, 'tenants:read declarations:write');
  return body.access_token;
}

const tenantsWith = (accessToken) =>
  fetch(`${baseUrl}/api/v1/tenants`, { headers: { Authorization: `Bearer ${accessToken}` } });

/** The secret block's client id and secret. */
async function shownSecret(page) {
  const block = page.getByRole('status').filter({ hasText: 'Ce secret ne sera plus jamais affiché' });
  await block.waitFor();
  await block.getByText(
    'Ce secret ne sera plus jamais affiché : copiez-le maintenant et conservez-le dans un coffre-fort de secrets.',
  ).waitFor();
  await block.getByRole('button', { name: 'Copier le secret' }).waitFor();
  const clientId = (await block.locator('dd code').innerText()).trim();
  const secret = await block.getByLabel('Secret (client_secret)').inputValue();
  return { block, clientId, secret };
}

test('r_api_2 the administrator creates an API client on Logiciels de gestion, its secret gets a token, renews it, revokes it', async () => {
  const page = await openPage(context, '/connexion');
  await signIn(page, 'FLH0000001', 'admin@flh.example');
  // `exact`: the footer's "API pour les logiciels de gestion" holds the words too.
  await page.getByRole('link', { name: 'Logiciels de gestion', exact: true }).click();
  await page.waitForURL('**/logiciels');
  await page.getByRole('heading', { level: 1, name: 'Logiciels de gestion (accès API)' }).waitFor();
  await page.getByText("Aucun logiciel n'a d'accès à l'API pour le moment.").waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // No scope ticked: the server's refusal shows under the scopes.
  await typeInto(page, 'Nom du logiciel', 'Gestion 2000', { exact: true });
  await page.getByRole('button', { name: "Créer l'accès" }).click();
  await page.getByText('Choisissez au moins une autorisation.').waitFor();
  await page.getByLabel('Consulter les locataires').check();
  await page.getByLabel('Faire des déclarations').check();
  await page.getByRole('button', { name: "Créer l'accès" }).click();

  await page.getByRole('heading', { level: 2, name: 'Accès « Gestion 2000 » créé' }).waitFor();
  const { clientId, secret } = await shownSecret(page);
  assert.ok(secret.startsWith('eb_live_'), secret);
  assert.ok(clientId.startsWith('ebc_'), clientId);
  const row = page.getByRole('row', { name: /Gestion 2000/ });
  await row.getByRole('cell', { name: 'Jamais utilisé' }).waitFor();
  await row.getByRole('cell', { name: clientId }).waitFor();
  await row.getByText(`…${secret.slice(-4)}`).waitFor();
  await row.getByText('Consulter les locataires').waitFor();
  await row.getByText('Faire des déclarations').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  // The software's side: the secret is good for a token with the scopes ticked.
  const first = await token(clientId, secret);
  assert.equal((await tenantsWith(first)).status, 200);

  await page.getByRole('button', { name: "J'ai copié le secret" }).click();
  await page.getByLabel('Secret (client_secret)').waitFor({ state: 'detached' });
  // The token's issue is the client's last use.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Logiciels de gestion (accès API)' }).waitFor();
  await row.getByRole('rowheader', { name: 'Gestion 2000' }).waitFor();
  await row.getByRole('cell', { name: /^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/ }).waitFor();
  assert.equal(await row.getByText('Jamais utilisé').count(), 0);
  await screenshot(page, 'logiciels-de-gestion');

  // A renewal: a new secret, shown once; the previous one works 24 hours more.
  await row.getByRole('button', { name: 'Renouveler le secret de Gestion 2000' }).click();
  await page.getByRole('heading', { level: 2, name: 'Nouveau secret de « Gestion 2000 »' }).waitFor();
  await page.getByText(/L'ancien secret reste valable jusqu'au \d{2}\/\d{2}\/\d{4}/).first().waitFor();
  const renewed = await shownSecret(page);
  assert.equal(renewed.clientId, clientId);
  assert.ok(renewed.secret.startsWith('eb_live_'));
  assert.notEqual(renewed.secret, secret);
  await row.getByText(`…${renewed.secret.slice(-4)}`).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  const second = await token(clientId, renewed.secret);
  await token(clientId, secret);
  await page.getByRole('button', { name: "J'ai copié le secret" }).click();
  await page.getByLabel('Secret (client_secret)').waitFor({ state: 'detached' });

  // The revocation asks to be confirmed; "Annuler" leaves the access as it was.
  const revoke = row.getByRole('button', { name: "Révoquer l'accès Gestion 2000" });
  await revoke.click();
  await page.getByText(/ceux qu'il détient cessent de fonctionner immédiatement/).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await page.getByRole('button', { name: 'Confirmer la révocation' }).waitFor({ state: 'detached' });
  await row.getByRole('rowheader', { name: 'Gestion 2000' }).waitFor();
  await revoke.click();
  await page.getByRole('button', { name: 'Confirmer la révocation' }).click();
  await page.getByText(/L'accès « Gestion 2000 » est révoqué/).waitFor();
  await page.getByText("Aucun logiciel n'a d'accès à l'API pour le moment.").waitFor();
  assert.equal(await page.getByRole('row', { name: /Gestion 2000/ }).count(), 0);
  assert.deepEqual(await axeViolations(page), []);

  // Revoked: no token any more, whichever secret, and the tokens given stop at once.
  for (const refused of [secret, renewed.secret]) {
    const response = await requestToken(clientId, refused);
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error, 'invalid_client');
  }
  for (const given of [first, second]) {
    assert.equal((await tenantsWith(given)).status, 401);
  }
  assert.deepEqual(unexpectedErrors(page.consoleErrors), []);
});
