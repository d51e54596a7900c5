// The one rule for which language the user sees: Russian for ru* locales, English otherwise.
export type Language = 'en' | 'ru';

export function languageOf(locale: string | null | undefined): Language {
  return /^ru/i.test(String(locale ?? '')) ? 'ru' : 'en';
}

/** Fills `{name}` placeholders; values that are missing stay visible as `{name}`. */
export function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
