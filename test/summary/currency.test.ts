// The summary's money is the data's currency: the amount column's format, a sign in text amounts,
// the settings, then the locale (docs/summary.md, "Money and numbers").
import { describe, expect, it } from 'vitest';
import { chooseCurrency, currencyOfFormat, moneyFormat, moneyText } from '../../src/summary/currency';

describe("the summary's money", () => {
  it('reads the currency of a Sheets number format in its usual spellings', () => {
    expect(currencyOfFormat('"$"#,##0.00')).toBe('$');
    expect(currencyOfFormat('[$$-409]#,##0.00')).toBe('$');
    expect(currencyOfFormat('#,##0.00 [$€-407]')).toBe('€');
    expect(currencyOfFormat('#,##0 "₽"')).toBe('₽');
    expect(currencyOfFormat('#,##0.00 "руб."')).toBe('₽');
    expect(currencyOfFormat('$#,##0')).toBe('$');
    expect(currencyOfFormat('#,##0.00')).toBe('');
    expect(currencyOfFormat('General')).toBe('');
    expect(currencyOfFormat('0.0" pcs"')).toBe('');
  });

  it('takes the data first, then the settings, then the locale', () => {
    // Maven's dollars stay dollars in a Russian or German spreadsheet once the data says so.
    expect(chooseCurrency('"$"#,##0', '', '', 'ru_RU')).toBe('$');
    expect(chooseCurrency('"$"#,##0', '', '€', 'de_DE')).toBe('$');
    expect(chooseCurrency('', '€', '', 'ru_RU')).toBe('€');
    expect(chooseCurrency('', '', 'usd', 'ru_RU')).toBe('$');
    expect(chooseCurrency('', '', 'CHF', 'en_US')).toBe('CHF');
    expect(chooseCurrency('', '', '', 'ru_RU')).toBe('₽');
    expect(chooseCurrency('', '', '', 'de_DE')).toBe('€');
    expect(chooseCurrency('', '', '', 'en_US')).toBe('$');
  });

  it('writes the format and the text with the sign where the currency puts it', () => {
    expect(moneyFormat('$')).toBe('"$"#,##0');
    expect(moneyFormat('₽')).toBe('#,##0 "₽"');
    expect(moneyFormat('CHF')).toBe('#,##0 "CHF"');
    expect(moneyText(48_000.4, '$', 'en_US')).toBe('$48,000');
    expect(moneyText(48_000, '₽', 'ru_RU')).toBe('48\u00a0000 ₽');
  });
});
