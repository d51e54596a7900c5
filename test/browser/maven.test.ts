// A tracker nobody prepared — the Maven export imported as a sheet — configured entirely from the sidebar.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { loadSettings } from '../../src/settings/storage';
import { hasDatasets, MAVEN, SKIP_REASON } from '../helpers/datasets';
import { hasChromium, launchChromium, menu as clickMenu, NO_CHROMIUM, shownRows } from './driver';
import { CUSTOM_FUNCTIONS } from '../../src/functions/registry';

let browser: Browser;

beforeAll(async () => {
  if (hasChromium) browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function open(preview: Preview) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(preview.url);
  const menu = (caption: string) => clickMenu(page, caption);
  return { page, menu };
}

/** The Maven export imported as a sheet, the settings opened, and Detect pressed. */
async function detected(locale?: string) {
  const preview = await startPreview(locale ? { locale } : undefined);
  preview.host.importCsv('sales_pipeline', readFileSync(MAVEN, 'utf8'));
  const { page, menu } = await open(preview);
  await menu(locale ? 'Настройки…' : 'Settings…');
  const frame = page.frameLocator('#sidebar');
  await frame.getByRole('button', { name: locale ? 'Определить по заголовкам' : 'Detect from headers' }).click();
  return { preview, page, menu, frame };
}

/** Period "all time", Save, Build KPI summary: the summary's rows as shown. */
async function saveAndBuild({ page, menu, frame }: Awaited<ReturnType<typeof detected>>) {
  await frame.locator('summary', { hasText: 'The summary' }).click();
  await frame.locator('[data-path="period"]').selectOption('all');
  await frame.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => frame.locator('#status').textContent()).toBe('Saved.');
  await menu('Build KPI summary');
  await expect.poll(() => page.locator('#tabs [aria-selected=true]').textContent()).toBe('KPI Summary');
  return shownRows(page);
}

describe.skipIf(!hasChromium || !hasDatasets)(
  `configuring the Maven export from the sidebar ${hasChromium && hasDatasets ? '' : `(skipped: needs /usr/bin/chromium and ../shared/datasets) ${SKIP_REASON}`}`,
  // 14–17 s each alone; on two cores shared with other suites a run took 71 s. A hang guard, not a budget.
  { timeout: 180_000 },
  () => {
    it('detects the columns and the funnel, saves, and the summary is built', async () => {
      const run = await detected();
      const { preview, page, frame } = run;
      await expect.poll(() => frame.locator('[data-path="sources.deals.columns.stage"]').inputValue()).toBe('deal_stage');
      expect(await frame.locator('#status').textContent()).toMatch(
        /^Found: deals on the sheet "sales_pipeline"; the funnel Prospecting → Engaging → Won/,
      );
      expect(await frame.locator('[data-path="funnel.0"]').inputValue()).toBe('Prospecting');
      const rows = await saveAndBuild(run);
      const header = rows.findIndex((r) => r[0] === 'Stage');
      // Lost deals with an engage_date were lost at Engaging: 8,800 − 500 still prospecting reached it.
      expect(rows.slice(header + 1, header + 4).map((r) => [r[0], r[1]])).toEqual([
        ['Prospecting', '8,800'],
        ['Engaging', '8,300'],
        ['Won', '4,238'],
      ]);
      await page.screenshot({ path: 'screenshots/maven-summary.png' });
      await page.close();
      await preview.close();
    });

    it('shows engage_date as the date of Engaging, and a renamed Engaging keeps it', async () => {
      const run = await detected();
      const { preview, page, frame } = run;
      await expect.poll(() => frame.getByLabel('Date of reaching Engaging').inputValue()).toBe('engage_date');
      expect(await frame.getByLabel('Date of reaching Prospecting').inputValue()).toBe('');
      await frame.locator('[data-path="funnel.1"]').fill('Engaged');
      const rows = await saveAndBuild(run);
      expect(loadSettings(preview.host.documentProperties).settings.sources.deals!.stageDates).toEqual([
        { stage: 'Engaged', column: 'engage_date' },
      ]);
      const header = rows.findIndex((r) => r[0] === 'Stage');
      // Deals whose cell still says "Engaging" count at "Engaged" (the alias), and the lost ones are still placed there.
      expect(rows.slice(header + 1, header + 4).map((r) => [r[0], r[1], r[5]])).toEqual([
        ['Prospecting', '8,800', '0'],
        ['Engaged', '8,300', '2,473'],
        ['Won', '4,238', '0'],
      ]);
      await page.close();
      await preview.close();
    });
  },
);

describe.skipIf(!hasChromium || !hasDatasets)(
  `the Maven export configured in Russian ${hasChromium && hasDatasets ? '' : `(skipped: needs /usr/bin/chromium and ../shared/datasets) ${SKIP_REASON}`}`,
  () => {
    it('meets no English or developer word: only the data’s own names are Latin', async () => {
      const { preview, page, frame } = await detected('ru_RU');
      await expect.poll(() => frame.locator('[data-path="sources.deals.columns.stage"]').inputValue()).toBe('deal_stage');
      expect(await frame.locator('#status').textContent()).toMatch(
        /^Найдено: сделки на листе «sales_pipeline»; воронка Prospecting → Engaging → Won/,
      );
      await frame.locator('details:not([open]) > summary').evaluateAll((ss) => ss.forEach((s) => (s as HTMLElement).click()));
      const csv = readFileSync(MAVEN, 'utf8');
      const dataWords = new Set(csv.match(/[A-Za-z][A-Za-z_]+/g));
      // Everything the page itself says (not the values of inputs and options, which are the data's).
      const said = await frame.locator('summary, label, legend, h3, th, .hint, .intro, button, #status').allTextContents();
      const latin = said
        .join('\n')
        .replace(/«[^»]*»/g, '')
        .match(/[A-Za-z][A-Za-z_]+/g)
        // A custom function's name is typed as it is in every language, #NAME? is Sheets' own word in Russian
        // too, and a product's name is its name (amoCRM, BigQuery).
        ?.filter(
          (w) =>
            !['KPI', 'SLA', 'E', 'mail', 'ID', 'Google', 'NAME', 'amoCRM', 'BigQuery', ...CUSTOM_FUNCTIONS.map((f) => f.name)].includes(
              w,
            ) && !dataWords.has(w),
        );
      expect(latin ?? []).toEqual([]);
      await frame.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => frame.locator('#status').textContent()).toBe('Сохранено.');
      await page.screenshot({ path: 'screenshots/maven-sidebar-ru.png' });
      await page.close();
      await preview.close();
    });
  },
);

describe.skipIf(!hasChromium)(`the sidebar in Russian ${NO_CHROMIUM}`, () => {
  it('speaks Russian to a Russian user', async () => {
    const preview = await startPreview({ locale: 'ru_RU' });
    const { page, menu } = await open(preview);
    await menu('Вставить пример трекера');
    await page.click('#dialog-ok');
    await menu('Настройки…');
    const frame = page.frameLocator('#sidebar');
    await frame.locator('summary', { hasText: 'Моя воронка и цели' }).waitFor();
    expect(await frame.getByRole('button', { name: 'Сохранить' }).count()).toBe(1);
    expect(await frame.locator('[data-path="funnel.0"]').inputValue()).toBe('Лид');
    await page.screenshot({ path: 'screenshots/sidebar-ru.png' });
    await page.close();
    await preview.close();
  });
});
