// Two pages, one document, in a real browser: a page saved after someone else's save is refused
// with a message (the page sends the generation it loaded), and a repair's notice stays until
// "Got it" is pressed — the settings page itself, not only its server calls.
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { loadSettings, POINTER_KEY, saveSettings } from '../../src/settings/storage';
import { closeDialog, hasChromium, launchChromium, menu, NO_CHROMIUM } from './driver';

let browser: Browser;
let preview: Preview;
let page: Page;

async function openSettings(): Promise<FrameLocator> {
  await page.evaluate(() => localStorage.clear());
  await menu(page, 'Settings…');
  const frame = page.frameLocator('#sidebar');
  await frame.locator('summary', { hasText: 'My funnel and its targets' }).waitFor();
  await expect.poll(() => frame.locator('#busy').isHidden()).toBe(true);
  return frame;
}
const settings = () => loadSettings(preview.host.documentProperties).settings;

describe.skipIf(!hasChromium)(`a stale page and a repair notice in Chromium ${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    preview = await startPreview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
    await page.goto(preview.url);
    await menu(page, 'Insert sample tracker');
    await closeDialog(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('someone saves while the page is open: the page’s Save is refused with a message, their change kept', async () => {
    const frame = await openSettings();
    saveSettings(preview.host.documentProperties, { ...settings(), stalledDays: 30 });
    await frame.locator('summary', { hasText: 'Lead response' }).click();
    await frame.locator('[data-path="sla.minutes"]').fill('25');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('body').textContent()).toMatch(/someone saved the settings after you opened this page/);
    expect(settings().stalledDays).toBe(30);
    expect(settings().sla.minutes).not.toBe(25);
  });

  it('a repaired document: the notice is shown until "Got it", then gone for the next opening', async () => {
    saveSettings(preview.host.documentProperties, { ...settings(), stalledDays: 40 });
    preview.host.documentProperties.deleteProperty(POINTER_KEY);
    let frame = await openSettings();
    await expect.poll(() => frame.locator('#banner').textContent()).toMatch(/previous settings are in use/);
    expect(settings().stalledDays).toBe(40);
    frame = await openSettings();
    await expect.poll(() => frame.locator('#banner').textContent()).toMatch(/previous settings are in use/);
    await frame.getByRole('button', { name: 'Got it' }).click();
    await expect.poll(() => frame.locator('#banner').textContent()).toBe('');
    frame = await openSettings();
    expect(await frame.locator('#banner').textContent()).toBe('');
  });
});
