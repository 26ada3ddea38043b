import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage } from './browser.mjs';

let context;
before(async () => { context = await launch(); });
after(async () => { await context?.close(); });

test('r_api_1 Swagger UI lists the operations of the contract', async () => {
  const page = await openPage(context, '/swagger-ui/');
  await page.locator('.opblock').first().waitFor();
  const paths = await page.locator('.opblock-summary-path').allInnerTexts();
  const clean = paths.map((p) => p.replace(/\u200b/g, '').trim());
  for (const expected of ['/api/v1/cafs/{number}', '/api/v1/cafs/{number}/notices', '/healthz', '/readyz']) {
    assert.ok(clean.includes(expected), `${expected} listed in ${clean.join(', ')}`);
  }
});
