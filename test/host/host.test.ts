// The local host's own fidelity: the Sheets behaviours our other tests rely on.
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { createHost } from '../../dev/host/index';

/** Runs a snippet inside the script's context, with the services as globals. */
function inScript(host: ReturnType<typeof createHost>, code: string): unknown {
  return vm.runInContext(`(function () { ${code} })()`, host.context);
}

describe('the local Apps Script host', () => {
  it('turns a string that starts with "=" into a formula, and keeps an apostrophe-escaped one as text', () => {
    const host = createHost();
    inScript(
      host,
      `const s = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
      s.getRange('A1:B1').setValues([['=SUM(1,2)', "'=IMPORTXML(\\"http://x\\",\\"//a\\")"]]);`,
    );
    const sheet = host.book.sheets[0];
    expect(sheet.formulas.get('1:1')).toBe('=SUM(1,2)');
    expect(sheet.get(1, 2)).toBe('=IMPORTXML("http://x","//a")');
    expect(sheet.formulas.has('1:2')).toBe(false);
  });

  it('reads numbers and ISO dates written as text the way Sheets does', () => {
    const host = createHost();
    inScript(host, `SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(1, 1, 1, 3).setValues([['42', '2024-03-05', 'D-1']]);`);
    const [n, d, t] = host.book.sheets[0].values[0];
    expect(n).toBe(42);
    expect(d).toBeInstanceOf(Date);
    expect(t).toBe('D-1');
  });

  it('returns dates as Dates of the script’s own realm, and blanks as ""', () => {
    const host = createHost();
    host.setSheet('Data', [['2024-03-05', '']]);
    const result = inScript(
      host,
      `const v = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1:B1').getValues();
      return [v[0][0] instanceof Date, Array.isArray(v), v instanceof Array, v[0][1]];`,
    );
    expect(result).toEqual([true, true, true, '']);
    // …and so not Dates of the test's own realm.
    const fromScript = inScript(host, `return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data').getRange('A1').getValue();`);
    expect(fromScript instanceof Date).toBe(false);
    expect(Object.prototype.toString.call(fromScript)).toBe('[object Date]');
  });

  it('refuses ranges outside the grid with Sheets’ message, and grows it on appendRow and insertRowsAfter', () => {
    const host = createHost();
    expect(() => inScript(host, `SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange(1001, 1);`)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    inScript(
      host,
      `const s = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
      s.insertRowsAfter(1000, 5); s.getRange(1005, 1).setValue('x');`,
    );
    expect(host.book.sheets[0].maxRows).toBe(1005);
    host.setSheet('Tiny', [['a']]);
    inScript(host, `SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Tiny').appendRow(['b', 'c']);`);
    expect(host.book.rows('Tiny')).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
  });

  it('gives Sheets’ messages for bad ranges and mismatched setValues', () => {
    const host = createHost();
    expect(() => inScript(host, `SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('not a range');`)).toThrow(
      'Range not found',
    );
    expect(() => inScript(host, `SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:B2').setValues([[1, 2]]);`)).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => inScript(host, `SpreadsheetApp.getActiveSpreadsheet().insertSheet('Sheet1');`)).toThrow(
      'A sheet with the name "Sheet1" already exists. Please enter another name.',
    );
  });

  it('shows display values with number formats and the spreadsheet’s locale', () => {
    const host = createHost({ locale: 'ru_RU' });
    inScript(
      host,
      `const r = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:C1');
      r.setValues([[0.256, 1234567.8, new Date(2024, 2, 5, 12)]]); r.setNumberFormats([['0.0%', '#,##0 "₽"', 'dd.mm.yyyy']]);`,
    );
    expect(
      inScript(host, `return SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:C1').getDisplayValues()[0];`),
    ).toEqual(['25,6%', '1\u00a0234\u00a0568 ₽', '05.03.2024']);
  });

  it('counts every service call per method', () => {
    const host = createHost();
    inScript(host, `const s = SpreadsheetApp.getActiveSpreadsheet(); s.getActiveSheet().getRange('A1').getValues(); s.getActiveSheet();`);
    expect(host.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
    expect(host.calls.count('Spreadsheet.getActiveSheet')).toBe(2);
    expect(host.calls.count('Range.getValues')).toBe(1);
  });

  it('counts every call of a builder chain', () => {
    const host = createHost();
    inScript(
      host,
      `ScriptApp.newTrigger('tick').timeBased().after(60000).create();
      SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1').setValue(1).setNumberFormat('0').setFontWeight('bold');`,
    );
    expect(
      ['TriggerBuilder.timeBased', 'TriggerBuilder.after', 'TriggerBuilder.create', 'Range.setNumberFormat', 'Range.setFontWeight'].map(
        (n) => host.calls.count(n),
      ),
    ).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps a controllable clock that the script’s new Date() reads', () => {
    const host = createHost({ now: new Date(2026, 0, 1, 9, 0) });
    host.clock.advance(90_000);
    expect(inScript(host, 'return new Date().getTime();')).toBe(new Date(2026, 0, 1, 9, 1, 30).getTime());
  });

  it('imports a CSV as Sheets would: numbers and ISO dates become values, other text stays text', () => {
    const host = createHost();
    host.importCsv('Deals', 'id,amount,created,when\nA1,1054,2016-10-20,20-10-2017\n');
    const [[, amount, created, when]] = host.book.rows('Deals').slice(1);
    expect(amount).toBe(1054);
    expect(created).toBeInstanceOf(Date);
    expect(when).toBe('20-10-2017');
  });

  it('keeps triggers, charts, rules, metadata, validations and mail as inspectable records', () => {
    const host = createHost();
    inScript(
      host,
      `
      ScriptApp.newTrigger('tick').timeBased().after(60000).create();
      const sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
      sheet.addDeveloperMetadata('k', 'v');
      sheet.insertChart(sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(sheet.getRange('A1:B3')).setPosition(1, 4, 0, 0).build());
      sheet.getRange('A2:A3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Lead', 'Paid'], true).build());
      MailApp.sendEmail('a@b.c', 'Hi', 'Body');
      return sheet.getRange('A2').getDataValidation().getCriteriaValues()[0];`,
    );
    expect(host.triggers.list).toMatchObject([{ handler: 'tick', kind: 'after' }]);
    const sheet = host.book.sheets[0];
    expect(sheet.metadata).toMatchObject([{ key: 'k', value: 'v' }]);
    expect(sheet.charts).toMatchObject([{ type: 'BAR', ranges: ['A1:B3'], position: { row: 1, column: 4 } }]);
    expect(sheet.validations.get('3:1')).toMatchObject({ criteria: 'VALUE_IN_LIST', values: [['Lead', 'Paid'], true] });
    expect(host.outbox).toEqual([{ to: 'a@b.c', subject: 'Hi', body: 'Body', at: host.clock.now() }]);
  });

  it('holds one document lock: a second holder is refused while the first has it', () => {
    const host = createHost();
    expect(
      inScript(
        host,
        `const a = LockService.getDocumentLock(); const b = LockService.getDocumentLock();
      const first = a.tryLock(1000); const second = b.tryLock(1000); a.releaseLock(); return [first, second, b.tryLock(1000)];`,
      ),
    ).toEqual([true, false, true]);
  });

  it('refuses a property value over 9 KB like Apps Script', () => {
    const host = createHost();
    expect(() => inScript(host, `PropertiesService.getDocumentProperties().setProperty('big', 'x'.repeat(10000));`)).toThrow(
      'Argument too large: value',
    );
  });
});
