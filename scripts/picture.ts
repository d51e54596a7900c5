// The README's picture of the sample summary: `npm start` into a temporary folder, then
// out/summary.html photographed in Debian's Chromium. Usage: npx tsx scripts/picture.ts [--locale ru_RU]
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/browser/driver';

const locale = process.argv.includes('--locale') ? process.argv[process.argv.indexOf('--locale') + 1] : 'en_US';
const out = mkdtempSync(join(tmpdir(), 'picture-'));
execFileSync('npx', ['tsx', 'dev/start.ts', '--out', out, '--locale', locale, '--as-of', '2026-11-27 10:00'], { stdio: 'ignore' });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 1 });
await page.goto(`file://${join(out, 'summary.html')}`);
const file = `docs/summary${locale.startsWith('ru') ? '-ru' : ''}.png`;
await page.screenshot({ path: file, fullPage: true });
await browser.close();
console.log(`Wrote ${file}`);
