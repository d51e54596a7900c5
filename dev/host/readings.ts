// The host's readings of what Google leaves undocumented about triggers (RULES.md rules 3, 9, 23, 24)
// as one value, and HOST_READINGS: the readings every createHost() takes unless it chooses its own,
// so that a whole suite runs under any combination without editing a test (docs/CONTRIBUTING.md).

export interface Readings {
  /** Rule 3: an add-on's one-shot fires when asked, or not before an hour after it was made. */
  addonOneShot: 'asked' | 'hourly';
  /** Rule 23: whether getUserTriggers(document) lists an add-on's clock triggers. */
  clockTriggersListed: boolean;
  /** Rule 24: whether a trigger made during a trigger run ever fires. */
  triggersFromTriggers: 'fire' | 'never';
  /** Rule 9: whether a clock trigger's run sees the document (spreadsheet, document properties and lock). */
  clockSeesDocument: boolean;
}

/** Where every reading is the kindest: the host's defaults. */
export const LENIENT: Readings = {
  addonOneShot: 'asked',
  clockTriggersListed: true,
  triggersFromTriggers: 'fire',
  clockSeesDocument: true,
};
/** Where every reading is the hardest on the product. */
export const STRICT: Readings = {
  addonOneShot: 'hourly',
  clockTriggersListed: false,
  triggersFromTriggers: 'never',
  clockSeesDocument: false,
};

/** What each reading may be, in the order LENIENT → STRICT. */
const VALUES: { [K in keyof Readings]: readonly Readings[K][] } = {
  addonOneShot: ['asked', 'hourly'],
  clockTriggersListed: [true, false],
  triggersFromTriggers: ['fire', 'never'],
  clockSeesDocument: [true, false],
};
const KEYS = Object.keys(VALUES) as (keyof Readings)[];

/** Every combination (16): all can occur together (RULES.md, "Undocumented readings"). */
export const ALL_READINGS: readonly Readings[] = KEYS.reduce<Readings[]>(
  (combos, key) => combos.flatMap((c) => VALUES[key].map((v) => ({ ...c, [key]: v }))),
  [{ ...LENIENT }],
);

/** The spec HOST_READINGS takes for `readings`: "addonOneShot=hourly,clockTriggersListed=false,…". */
export function readingsSpec(readings: Readings): string {
  return KEYS.map((k) => `${k}=${readings[k]}`).join(',');
}

/** A short name for a combination (a vitest project's): the readings that differ from LENIENT, or "lenient". */
export function readingsLabel(readings: Readings): string {
  const words = { addonOneShot: 'hourly', clockTriggersListed: 'unlisted', triggersFromTriggers: 'never', clockSeesDocument: 'blind' };
  const differ = KEYS.filter((k) => readings[k] !== LENIENT[k]).map((k) => words[k]);
  return differ.length ? differ.join('+') : 'lenient';
}

/**
 * HOST_READINGS as readings: unset, "", "default" or "lenient" → LENIENT; "strict" → STRICT; else
 * comma-separated `option=value` pairs over LENIENT. A name or value it does not know throws, so that a
 * typo never runs a suite under the defaults unnoticed.
 */
export function parseReadings(spec: string | undefined): Readings {
  const text = (spec ?? '').trim();
  if (text === '' || text === 'default' || text === 'lenient') return { ...LENIENT };
  if (text === 'strict') return { ...STRICT };
  const readings: Record<string, unknown> = { ...LENIENT };
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=').map((s) => s.trim());
    const allowed = VALUES[key as keyof Readings] as readonly unknown[] | undefined;
    const parsed = value === 'true' ? true : value === 'false' ? false : value;
    if (!allowed) throw new Error(`HOST_READINGS: no reading "${key}" (${KEYS.join(', ')}; or "strict", "lenient")`);
    if (!allowed.includes(parsed)) throw new Error(`HOST_READINGS: ${key} is one of ${allowed.join(', ')}, not "${value}"`);
    readings[key] = parsed;
  }
  return readings as unknown as Readings;
}
