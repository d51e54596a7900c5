// `npm start` on exports as amoCRM, Bitrix24 and Olist write them (a subprocess, as a user runs it):
// the files' language, their currency, why deals were lost, cohorts, and Olist's two files as one funnel.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasDatasets, OLIST_DEALS, OLIST_LEADS, SKIP_REASON } from './helpers/datasets';

const dir = mkdtempSync(join(tmpdir(), 'sales-kpi-exports-'));

function start(...args: string[]) {
  const run = spawnSync('npx', ['tsx', 'dev/start.ts', '--out', join(dir, 'out'), ...args], { encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr.trim() };
}

/** Russian text as Windows-1251 bytes, as amoCRM and Bitrix24 save a CSV. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const c = ch.charCodeAt(0);
      return c < 0x80 ? c : c === 0x401 ? 0xa8 : c === 0x451 ? 0xb8 : c >= 0x410 && c <= 0x44f ? c - 0x350 : 0x3f;
    }),
  );
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// amoCRM: roubles in «Валюта», a lost reason, the stage a deal was lost at; five lost, two won, two open.
const AMO = `${[
  'ID;Название сделки;Бюджет;Валюта;Ответственный;Этап сделки;Дата создания;Дата закрытия;Дата редактирования;Кем изменена;Причина отказа;Этап отказа',
  '1;Альфа;10 000;Российский рубль;Анна;Успешно реализовано;02.10.2026;12.10.2026;12.10.2026;Анна;;',
  '2;Бета;20 000;Российский рубль;Борис;Успешно реализовано;05.10.2026;25.10.2026;25.10.2026;Борис;;',
  '3;Гамма;5 000;Российский рубль;Анна;Закрыто и не реализовано;06.10.2026;09.10.2026;09.10.2026;Анна;Дорого;Переговоры',
  '4;Дельта;7 000;Российский рубль;Анна;Закрыто и не реализовано;07.10.2026;19.10.2026;19.10.2026;Анна;Дорого;Первичный контакт',
  '5;Эпсилон;9 000;Российский рубль;Борис;Закрыто и не реализовано;08.10.2026;20.10.2026;20.10.2026;Борис;Выбрали конкурента;Переговоры',
  '6;Дзета;3 000;Российский рубль;Борис;Закрыто и не реализовано;09.11.2026;15.11.2026;15.11.2026;Борис;;Переговоры',
  '7;Эта;4 000;Российский рубль;Борис;Закрыто и не реализовано;10.11.2026;16.11.2026;16.11.2026;Борис;Другое;Первичный контакт',
  '8;Тета;8 000;Российский рубль;Анна;Переговоры;11.11.2026;;25.11.2026;Анна;;',
  '9;Йота;6 000;Российский рубль;Анна;Первичный контакт;12.11.2026;;12.11.2026;Анна;;',
].join('\n')}\n`;
const funnel = JSON.stringify({ funnel: ['Первичный контакт', 'Переговоры', 'Успешно реализовано'] });

describe('npm start on an amoCRM export', () => {
  const deals = file('amocrm.csv', cp1251(AMO));
  const settings = file('amo-settings.json', funnel);

  it('a Russian file gives a Russian summary, and says so and how to change it; roubles from «Валюта»; loss reasons and cohorts', () => {
    const run = start('--deals', deals, '--settings', settings, '--as-of', '2026-11-30');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Summary in Russian: the files are in Russian (add --locale en_US for English).');
    expect(run.out).toMatch(/currency ← "Валюта".*last_edit ← "Дата редактирования".*lost_reason ← "Причина отказа"/);
    expect(run.out).toContain('Сводка KPI продаж');
    expect(run.out).toMatch(/Выручка по выигранным в периоде\s+30\s000\s₽/);
    expect(run.out).toMatch(/Дорого\s+2\s+40,0%\s+1\s+1/);
    expect(run.out).toMatch(/Борис\s+3\s/);
    expect(run.out).toContain('проигранных сделок без причины или с «другое» в «Причина отказа»: 2 из 5 (40%)');
    expect(run.out).toMatch(/2026-10\s+5\s+2\s+3\s+0\s+40,0%/);
    // Deal 9 (12 November) has seen no edit for 18 days: stalled; deal 8 was edited 5 days ago.
    expect(run.out).toMatch(/Зависших сделок\s+1\n/);
  });

  it('--locale en_US gives English, and the money stays in roubles', () => {
    const run = start('--deals', deals, '--settings', settings, '--as-of', '2026-11-30', '--locale', 'en_US');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Summary in English (--locale en_US).');
    expect(run.out).toContain('Sales KPI summary');
    expect(run.out).toMatch(/Won revenue, closed in period\s+30,000\s₽/);
    expect(run.out).not.toMatch(/\$\d/);
    expect(run.out).toMatch(/LOSS REASONS/);
    expect(run.out).toMatch(/COHORTS: DECIDED CONVERSION LEAD → WON BY MONTH CREATED/);
  });

  it('an English file stays English', () => {
    const run = start(
      '--deals',
      file('pipedrive.csv', 'Deal - Stage,Deal - Created,Deal - Lost reason\nLead,2026-11-01,\nPaid,2026-11-02,\n'),
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Summary in English: the files are in English (add --locale ru_RU for Russian).');
  });
});

describe("npm start on Olist's two files", () => {
  it.skipIf(!hasDatasets)(
    `closed deals + marketing-qualified leads make one funnel, Lead → Won, with what it cannot show ${hasDatasets ? '' : SKIP_REASON}`,
    () => {
      const run = start('--deals', OLIST_DEALS, '--leads', OLIST_LEADS);
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain(
        'olist_marketing_qualified_leads_dataset.csv + olist_closed_deals_dataset.csv: 8,000 leads joined on "mql_id", 842 won — one funnel, Lead → Won.',
      );
      expect(run.out).toContain(
        'Data note: olist_closed_deals_dataset.csv holds won deals only, so the 7,158 leads it does not hold count as lost at "Lead"',
      );
      expect(run.out).toMatch(/Data note: manager \("sr_id"\).* known for won deals only/);
      expect(run.out).toMatch(/Lead\s+8,000\s+100\.0%\s+0\s+7,158/);
      expect(run.out).toMatch(/Won\s+842\s+10\.5%\s+10\.5%\s+0\s+0\s+10\.5%/);
      expect(run.out).toMatch(/COHORTS/);
      // The closed deals alone say where the other half is.
      const alone = start('--deals', OLIST_DEALS);
      expect(alone.code).toBe(2);
      expect(alone.err).toMatch(
        /no column was recognised as stage .* If it holds won deals only, give the leads they came from too \(--leads leads\.csv\)/,
      );
    },
  );
});
