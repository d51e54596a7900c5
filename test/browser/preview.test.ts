// npm run preview in Chromium, as a Russian user: the whole page in Russian, a busy indicator,
// only changed sheets sent, the summary's charts drawn, and a clock to watch the lead watch act.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { isOwnedSheetRecord } from '../../dev/host/ownership';
import { closeDialog as closeShownDialog, hasChromium, launchChromium, menu as clickMenu, NO_CHROMIUM } from './driver';

let browser: Browser;
let preview: Preview;
let page: Page;

const menu = (caption: string) => clickMenu(page, caption);
const closeDialog = () => closeShownDialog(page);

describe.skipIf(!hasChromium)(`the preview in Chromium ${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    mkdirSync('screenshots', { recursive: true });
    preview = await startPreview({ locale: 'ru_RU' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(preview.url);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  it('is in the user’s language from the first paint, the page’s own words included', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe('Sales KPI — локальный просмотр');
    expect(await page.locator('#menu-button').textContent()).toBe('Расширения › Sales KPI ▾');
    expect(await page.locator('#clock button').allTextContents()).toEqual(['+1 мин', '+10 мин', '+1 ч', '+1 день', '+1 неделя']);
  });

  it('shows that it is busy while a menu item runs', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { busySeen: string[] }).busySeen = seen;
      new MutationObserver(() => seen.push(document.body.getAttribute('aria-busy') ?? '')).observe(document.body, {
        attributes: true,
        attributeFilter: ['aria-busy'],
      });
    });
    await menu('Вставить пример трекера');
    expect(await closeDialog()).toMatch(/Добавлены листы/);
    const seen = await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen);
    expect(seen).toContain('true');
    expect(seen.at(-1)).toBe('false');
  });

  it('sends only the sheets that changed', async () => {
    const first = (await (await fetch(`${preview.url}state`)).json()) as { sheets: { name: string; version: string; rows?: unknown[] }[] };
    expect(first.sheets.every((s) => Array.isArray(s.rows))).toBe(true);
    const known = first.sheets.map((s) => `${encodeURIComponent(s.name)}=${s.version}`).join('&');
    const again = (await (await fetch(`${preview.url}state?${known}`)).json()) as typeof first;
    expect(again.sheets.map((s) => s.name)).toEqual(first.sheets.map((s) => s.name));
    expect(again.sheets.filter((s) => s.rows)).toEqual([]);
    expect(JSON.stringify(again).length).toBeLessThan(JSON.stringify(first).length / 50);
  });

  it('draws the summary’s charts as the page does', async () => {
    await menu('Построить сводку KPI');
    await expect.poll(() => page.locator('#charts svg').count()).toBeGreaterThan(0);
    // Numbers right-aligned, as Sheets shows them.
    expect(
      await page
        .locator('#sheet td', { hasText: /^105$/ })
        .first()
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).toBe('right');
    await page.screenshot({ path: 'screenshots/preview-ru.png' });
  });

  it('has a clock to move on: the lead watch acts when its deadline comes', async () => {
    await menu('Контроль лидов: включить');
    // The sample has leads already past the SLA: the preview answers "Yes" to include them.
    await closeDialog();
    const host = preview.host;
    const logged = () => {
      const log = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.watchLog'));
      return log ? log.lastRow() - 1 : 0;
    };
    const before = logged();
    const shown = await page.locator('#now').textContent();
    host.book.sheet('Лиды')!.values.push(['NEW-1', new Date(host.clock.now()), '', 'Анна Смирнова', new Date(host.clock.now()), 'Сайт']);
    await page.getByRole('button', { name: '+1 ч' }).click();
    await expect.poll(() => page.locator('#now').textContent()).not.toBe(shown);
    await expect.poll(logged).toBeGreaterThan(before);
  });
});
