// The one rule for which language the user sees: Russian for ru* locales, English otherwise.
export type Language = 'en' | 'ru';

export function languageOf(locale: string | null | undefined): Language {
  return /^ru/i.test(String(locale ?? '')) ? 'ru' : 'en';
}

/** Fills `{name}` placeholders; values that are missing stay visible as `{name}`. */
export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

const CATEGORIES: Record<Language, string[]> = { en: ['one', 'other'], ru: ['one', 'few', 'many'] };
const rules = new Map<Language, Intl.PluralRules>();

/**
 * Fills `{name}` placeholders and plural choices `{name:form|form…}` — English one|other, Russian
 * one|few|many — by the language's rules (Intl.PluralRules): `{rows} {rows:строка|строки|строк}`.
 */
export function fillCount(language: Language, template: string, values: Record<string, unknown>): string {
  const withForms = template.replace(/\{(\w+):([^{}]*)\}/g, (whole, name: string, forms: string) => {
    if (!(name in values)) return whole;
    const list = forms.split('|');
    let rule = rules.get(language);
    if (!rule) rules.set(language, (rule = new Intl.PluralRules(language)));
    const at = CATEGORIES[language].indexOf(rule.select(Number(values[name])));
    return list[at === -1 ? list.length - 1 : Math.min(at, list.length - 1)];
  });
  return fill(withForms, values);
}
