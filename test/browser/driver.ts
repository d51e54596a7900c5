// What every browser test shares: Debian's Chromium at /usr/bin/chromium, and the preview
// page's menu, dialogs and sheet read the way a user would use them.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = hasChromium ? '' : '(skipped: /usr/bin/chromium not installed; .ci/run installs it)';
export const SCREENSHOTS = 'screenshots';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Picks an item of the add-on menu by its caption. */
export async function menu(page: Page, caption: string): Promise<void> {
  await page.click('#menu-button');
  await page.getByRole('menuitem', { name: caption }).click();
}

/** Waits for the open dialog, closes it with OK and returns its text. */
export async function closeDialog(page: Page): Promise<string> {
  await page.locator('#dialog[open]').waitFor();
  const text = (await page.locator('#dialog-text').textContent()) ?? '';
  await page.click('#dialog-ok');
  return text;
}

/** The shown sheet's cells as text, row by row. */
export function shownRows(page: Page): Promise<string[][]> {
  return page.locator('#sheet tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}
