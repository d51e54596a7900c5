// RULES.md 36–38, pinned: hidden sheets, the Charts service to a PNG, and HTML e-mail with inline images.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('the weekly rhythm’s services in the host', () => {
  it('a hidden sheet stays listed and writable; the last visible one cannot be hidden', () => {
    const host = createHost();
    host.setSheet('Deals', [['ID']]);
    host.script(`
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const history = ss.insertSheet('History');
      history.hideSheet();
      history.getRange(1, 1).setValue('kept');`);
    expect(host.book.sheet('History')!.hidden).toBe(true);
    expect(
      host.script(`return SpreadsheetApp.getActiveSpreadsheet().getSheets().map((s) => s.getName() + ':' + s.isSheetHidden()).join(',')`),
    ).toBe('Deals:false,History:true');
    expect(host.book.rows('History')).toEqual([['kept']]);
    expect(() => host.script(`SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Deals').hideSheet();`)).toThrow(
      "You can't hide all the sheets in a document.",
    );
    expect(host.book.sheet('Deals')!.hidden).toBe(false);
  });

  it('the Charts service gives a real PNG of a typed data table', () => {
    const host = createHost();
    const bytes = host.script(`
      const table = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Week').addColumn(Charts.ColumnType.NUMBER, 'Won')
        .addRow(['11-02', 10]).addRow(['11-09', 30]).build();
      const blob = Charts.newColumnChart().setDataTable(table).setTitle('Won').setDimensions(120, 60).build().getAs('image/png');
      return [blob.getContentType(), blob.getBytes()];`) as [string, number[]];
    expect(bytes[0]).toBe('image/png');
    const png = Uint8Array.from(bytes[1], (b) => b & 0xff);
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    // IHDR: the asked dimensions.
    const view = new DataView(png.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([120, 60]);
    expect(() => host.script(`Charts.newDataTable().addColumn(Charts.ColumnType.NUMBER, 'n').addRow(['text']);`)).toThrow(/does not match/);
    expect(() => host.script(`Charts.newDataTable().addColumn(Charts.ColumnType.NUMBER, 'n').addRow([1, 2]);`)).toThrow(/2 values/);
    expect(() => host.script(`Charts.newColumnChart().build();`)).toThrow(/data table is required/);
  });

  it('an HTML e-mail carries its inline images, recorded with the instant it went', () => {
    const host = createHost({ mailQuota: 2 });
    host.clock.advance(5_000);
    host.script(`
      const chart = Charts.newColumnChart().setDataTable(Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'w').addColumn(Charts.ColumnType.NUMBER, 'v').addRow(['a', 1]).build()).build();
      MailApp.sendEmail('head@example.com', 'Week', 'plain', { htmlBody: '<p>Hi</p><img src="cid:chart">', inlineImages: { chart: chart.getAs('image/png') } });`);
    const [mail] = host.outbox;
    expect(mail.at).toBe(host.clock.now());
    expect(mail.htmlBody).toBe('<p>Hi</p><img src="cid:chart">');
    expect(mail.inlineImages!.chart.contentType).toBe('image/png');
    expect([...mail.inlineImages!.chart.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(() => host.script(`MailApp.sendEmail('a@b.c', 'x', 'y', { inlineImages: { c: Utilities.newBlob ? null : null } });`)).toThrow(
      /needs an htmlBody/,
    );
    expect(() => host.script(`MailApp.sendEmail('a@b.c', 'x', 'y', { htmlBody: '<img src="cid:missing">', inlineImages: {} });`)).toThrow(
      /cid:missing/,
    );
    expect(() =>
      host.script(`MailApp.sendEmail('a@b.c', 'x', 'y', { htmlBody: '<img src="cid:c">', inlineImages: { c: 'not a blob' } });`),
    ).toThrow(/Invalid argument/);
    expect(host.outbox).toHaveLength(1);
  });
});
