import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeViolations, launch, openPage, screenshot } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('r_space_2 the notices page shows the Caf data fetched from the API', async () => {
  const page = await openPage(context, '/caf/441');
  const year = new Date().getFullYear();
  await page.getByRole('heading', { name: `Déclarations de loyer ${year}` }).waitFor();
  await page.getByText('Caisse d\'allocations familiales de Loire-Atlantique').first().waitFor();
  await page.getByRole('link', { name: 'bailleurs@caf44.caf.example' }).waitFor();
  await screenshot(page, 'a-savoir');
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(await axeViolations(page), []);
});

test('r_api_3 an unknown Caf shows the API problem in French', async () => {
  const page = await openPage(context, '/caf/999');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Aucune Caf ne porte ce numéro/);
  // The only console line allowed is the browser's own note of the 404 response.
  assert.deepEqual(page.consoleErrors.filter((e) => !e.includes('404')), []);
  assert.deepEqual(await axeViolations(page), []);
});
