// The sidebar's BigQuery source in Chromium: turned on, a table id with a part missing and no stage
// column each named under its field, then saved; Build summary in the default build says in one
// line how to get the BigQuery build.
import { mkdirSync } from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { bigQueryBuildText } from '../../src/i18n/bigquery';
import { loadSettings } from '../../src/settings/storage';
import { closeDialog, hasChromium, launchChromium, menu, NO_CHROMIUM, SCREENSHOTS } from './driver';

let browser: Browser;
let preview: Preview;
let page: Page;

const settings = () => loadSettings(preview.host.documentProperties).settings;

async function openSettings(): Promise<FrameLocator> {
  await page.evaluate(() => localStorage.clear());
  await menu(page, 'Settings…');
  const frame = page.frameLocator('#sidebar');
  await frame.locator('summary', { hasText: 'My funnel and its targets' }).waitFor();
  await expect.poll(() => frame.locator('#busy').isHidden()).toBe(true);
  return frame;
}

/** The error line under a field. */
const errorOf = async (frame: FrameLocator, path: string) =>
  frame.locator(`#${await frame.locator(`[data-path="${path}"]`).getAttribute('aria-describedby')}`).textContent();

describe.skipIf(!hasChromium)(`the BigQuery source in the settings sidebar, in Chromium ${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    preview = await startPreview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => void d.accept());
    await page.goto(preview.url);
    await menu(page, 'Insert sample tracker');
    await closeDialog(page);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('names what to fix under each field, saves the table and its columns, and the default build says how to get BigQuery', async () => {
    const before = JSON.stringify(settings());
    const frame = await openSettings();
    await frame.locator('summary', { hasText: 'Where is my data' }).click();
    await frame.getByLabel('Read the deals from a BigQuery table', { exact: false }).check();
    await frame.locator('[data-path="bigquery.table"]').fill('sales.deals');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toMatch(/Nothing was saved/);
    expect(await errorOf(frame, 'bigquery.table')).toBe('write the table as project.dataset.table, e.g. my-project.sales.deals');
    expect(JSON.stringify(settings())).toBe(before);

    await frame.locator('[data-path="bigquery.table"]').fill('acme-crm.sales.deals');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => errorOf(frame, 'bigquery.columns.stage')).toBe("choose the table's column that holds each deal's stage");
    expect(JSON.stringify(settings())).toBe(before);

    await frame.locator('[data-path="bigquery.columns.stage"]').fill('deal_stage');
    await frame.locator('[data-path="bigquery.columns.created"]').fill('created_at');
    await frame.locator('[data-path="bigquery.location"]').fill('EU');
    await frame.locator('[data-path="bigquery.maxGigabytesBilled"]').fill('2,5');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
    expect(settings().bigquery).toEqual({
      table: 'acme-crm.sales.deals',
      billingProject: '',
      location: 'EU',
      maxGigabytesBilled: 2.5,
      columns: { stage: 'deal_stage', created: 'created_at' },
    });
    await page.screenshot({ path: `${SCREENSHOTS}/sidebar-bigquery.png` });

    // The preview runs the default build: no BigQuery advanced service in its manifest.
    await menu(page, 'Build KPI summary');
    expect(await closeDialog(page)).toBe(bigQueryBuildText('en', 'noService'));

    // Turned off, the deals come from the sheet again.
    const again = await openSettings();
    await again.locator('summary', { hasText: 'Where is my data' }).click();
    await again.getByLabel('Read the deals from a BigQuery table', { exact: false }).uncheck();
    await again.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings().bigquery).toBeNull();
  });
});
