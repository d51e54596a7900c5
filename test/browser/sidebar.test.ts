// The settings sidebar in a real browser: Debian's Chromium driven by playwright-core, against npm run preview.
import { mkdirSync } from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { loadSettings, saveSettings } from '../../src/settings/storage';
import {
  closeDialog as closeShownDialog,
  hasChromium,
  launchChromium,
  menu as clickMenu,
  NO_CHROMIUM,
  SCREENSHOTS,
  shownRows,
} from './driver';

let browser: Browser;
let preview: Preview;
let page: Page;
const dialogs: string[] = [];

const menu = (caption: string) => clickMenu(page, caption);
const closeDialog = () => closeShownDialog(page);
/** Opens Settings…; a stale draft from an earlier test is dropped first unless `keepDraft`. */
async function openSettings(keepDraft = false): Promise<FrameLocator> {
  if (!keepDraft) await page.evaluate(() => localStorage.clear());
  await menu('Settings…');
  const frame = page.frameLocator('#sidebar');
  await frame.locator('summary', { hasText: 'My funnel and its targets' }).waitFor();
  await expect.poll(() => frame.locator('#busy').isHidden()).toBe(true);
  return frame;
}
const settings = () => loadSettings(preview.host.documentProperties).settings;

describe.skipIf(!hasChromium)(`the settings sidebar in Chromium ${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    preview = await startPreview();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', (d) => {
      // Reloading a sidebar with unsaved changes asks first (beforeunload): leave. Anything else
      // (an alert from injected markup) is recorded and must never happen.
      if (d.type() === 'beforeunload') return void d.accept();
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(preview.url);
    await menu('Insert sample tracker');
    expect(await closeDialog()).toMatch(/Added the sheets Deals, Activities, Leads/);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('moves a stage, sets the SLA to 15, saves; the rebuilt summary shows both', async () => {
    const frame = await openSettings();
    await frame.getByRole('button', { name: 'Move Lead down' }).click();
    await expect.poll(() => frame.locator('[data-path="funnel.0"]').inputValue()).toBe('Qualified');
    await frame.locator('summary', { hasText: 'Lead response' }).click();
    await frame.locator('[data-path="sla.minutes"]').fill('15');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
    await page.screenshot({ path: `${SCREENSHOTS}/sidebar.png` });
    expect(settings().funnel.slice(0, 2)).toEqual(['Qualified', 'Lead']);
    expect(settings().sla.minutes).toBe(15);

    await menu('Build KPI summary');
    await expect.poll(() => page.locator('#tabs [aria-selected=true]').textContent()).toBe('KPI Summary');
    const rows = await shownRows(page);
    const header = rows.findIndex((r) => r[0] === 'Stage');
    expect(rows[header + 1][0]).toBe('Qualified');
    expect(rows.flat()).toContain('SLA breach rate (over 15 min)');
    await page.screenshot({ path: `${SCREENSHOTS}/summary.png`, fullPage: true });
  });

  it("a stage's own stalled threshold: typed, saved, and blank again is the global one", async () => {
    const frame = await openSettings();
    await frame.locator('summary', { hasText: 'When a deal is stalled' }).click();
    const first = frame.locator('[data-key^="stalled-"]').first();
    const stage = (await first.getAttribute('data-key'))!.slice('stalled-'.length);
    expect(await first.getAttribute('placeholder')).toBe(String(settings().stalledDays));
    await first.fill('30');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
    expect(settings().stalledDaysByStage).toEqual([{ stage, days: 30 }]);
    await frame.locator(`[data-key="stalled-${stage}"]`).fill('');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings().stalledDaysByStage).toEqual([]);
  });

  it('an SLA of -5 shows an error next to the field and saves nothing', async () => {
    const before = JSON.stringify(settings());
    const frame = await openSettings();
    await frame.locator('summary', { hasText: 'Lead response' }).click();
    const sla = frame.locator('[data-path="sla.minutes"]');
    await sla.fill('-5');
    await frame.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => frame.locator('#status').textContent()).toMatch(/Nothing was saved/);
    const errorId = await sla.getAttribute('aria-describedby');
    expect(await frame.locator(`#${errorId}`).textContent()).toBe('must be greater than 0');
    expect(await sla.getAttribute('aria-invalid')).toBe('true');
    expect(JSON.stringify(settings())).toBe(before);
    await page.screenshot({ path: `${SCREENSHOTS}/sidebar-error.png` });
  });

  it('shows a stage and a header named <img src=x onerror=alert(1)> as text, running nothing', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const s = settings();
    saveSettings(preview.host.documentProperties, { ...s, funnel: [...s.funnel, xss] });
    preview.host.setSheet('Imported', [
      [xss, 'Stage'],
      ['a', 'b'],
    ]);
    const frame = await openSettings();
    const last = frame.locator(`[data-path="funnel.${s.funnel.length}"]`);
    await expect.poll(() => last.inputValue()).toBe(xss);
    await frame.locator('summary', { hasText: 'Where is my data' }).click();
    await frame.locator('[data-path="sources.activities.sheet"]').selectOption('Imported');
    await expect.poll(() => frame.locator('option', { hasText: xss }).count()).toBeGreaterThan(0);
    expect(await frame.locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    // Leave the real settings as they were for the next test.
    saveSettings(preview.host.documentProperties, s);
  });

  it('a mapped column renamed in the sheet stays chosen, marked, and is not dropped by Save', async () => {
    const deals = preview.host.book.sheet('Deals')!;
    deals.set(1, 7, 'Budget');
    try {
      const frame = await openSettings();
      await frame.locator('summary', { hasText: 'Where is my data' }).click();
      const amount = frame.locator('[data-path="sources.deals.columns.amount"]');
      expect(await amount.locator('option:checked').textContent()).toBe('Amount (not found in the sheet)');
      await frame.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
      expect(settings().sources.deals!.columns.amount).toBe('Amount');
    } finally {
      deals.set(1, 7, 'Amount');
    }
  });

  it('labels every control it shows, in every section', async () => {
    const frame = await openSettings();
    await frame.locator('details:not([open]) > summary').evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
    await frame.locator('summary', { hasText: 'Lead response' }).waitFor();
    const unlabelled = await frame.locator('input, select, textarea, button').evaluateAll((controls) =>
      controls
        .filter((c) => {
          const labelled =
            (c as HTMLInputElement).labels?.length || c.getAttribute('aria-label') || (c.tagName === 'BUTTON' && c.textContent?.trim());
          return !labelled;
        })
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    expect(await frame.locator('input, select, textarea').count()).toBeGreaterThan(60);
    expect(unlabelled).toEqual([]);
  });

  it('works from the keyboard alone: rename a stage and press Save', async () => {
    const frame = await openSettings();
    /** Presses Tab until the focused control has `attribute` = `value`; whether it got there. */
    const tabTo = async (attribute: string, value: string, limit: number) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if ((await frame.locator('body').evaluate((_, a) => document.activeElement?.getAttribute(a) ?? null, attribute)) === value)
          return true;
      }
      return false;
    };
    await frame.locator('body').focus();
    expect(await tabTo('data-path', 'funnel.0', 60)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.type(' (hot)');
    expect(await tabTo('id', 'save', 200)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
    expect(settings().funnel[0]).toBe('Qualified (hot)');
  });

  it('keeps an unsaved change when the sidebar is closed by mistake', async () => {
    let frame = await openSettings();
    await frame.locator('[data-path="funnel.0"]').fill('Almost saved');
    await page.click('#side-close');
    frame = await openSettings(true);
    await expect.poll(() => frame.locator('[data-path="funnel.0"]').inputValue()).toBe('Almost saved');
    expect(await frame.locator('#banner').textContent()).toMatch(/unsaved changes were restored/);
    await frame.getByRole('button', { name: 'Discard them' }).click();
    await expect.poll(() => frame.locator('[data-path="funnel.0"]').inputValue()).toBe('Qualified (hot)');
  });
});
