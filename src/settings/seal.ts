// A saved settings document carries a seal: the schema's revision and a hash of its text. A custom
// function — a fresh execution for every cell — then reads the settings with one JSON.parse and a
// hash, never building or running the zod schema. A document whose seal does not match (written by
// an earlier release, cut short, edited by hand) goes through the full parse and repair instead.

/**
 * The schema's revision: bump it whenever the settings schema changes (a field, a default, a rule),
 * so that documents sealed under the old schema are parsed afresh. test/settings/seal.test.ts fails
 * when the defaults change without a bump.
 */
export const SCHEMA_REVISION = 4;

/**
 * Two 32-bit polynomial hashes of the text's UTF-16 units (multipliers 31 and 1000003, both odd: a
 * change of any one unit always changes both): a check against accidents (truncation, an older
 * release), not against forgery — only this script's code can write its document properties.
 * Plain arithmetic, no Math.imul: a custom function runs this once per cell, in V8's interpreter,
 * where a call per character cost four times the loop (0.48 against 0.12 ms for 2,000 characters).
 * Each product stays below 2^53, so it is exact before `| 0` keeps its low 32 bits.
 * @example textHash('{"version":1}') // 16 hex digits
 */
export function textHash(text: string): string {
  const n = text.length;
  let a = 7;
  let b = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    a = (a * 31 + c) | 0;
    b = (b * 1_000_003 + c) | 0;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const PREFIX = '{"seal":"';

/** A validated document's JSON with its seal as the first field. */
export function sealedJson(json: string): string {
  if (!json.startsWith('{"')) throw new Error('a settings document is a JSON object with fields');
  return `${PREFIX}${SCHEMA_REVISION}:${textHash(json)}",${json.slice(1)}`;
}

/** The document's JSON when its seal matches this schema and its text; null otherwise (then: parse and repair). */
export function openSealed(text: string): string | null {
  if (!text.startsWith(PREFIX)) return null;
  const end = text.indexOf('"', PREFIX.length);
  if (end === -1 || text[end + 1] !== ',') return null;
  const [revision, hash] = text.slice(PREFIX.length, end).split(':');
  if (revision !== String(SCHEMA_REVISION)) return null;
  const json = `{${text.slice(end + 2)}`;
  return textHash(json) === hash ? json : null;
}

/**
 * Whether a stored settings text is whole: a sealed text (of any revision) whose hash matches its
 * text, or an earlier release's unsealed JSON object. A text whose seal does not match — parts
 * swapped, one character changed — is damaged even when it is still valid JSON.
 */
export function settingsTextIntact(text: string): boolean {
  if (text.startsWith(PREFIX)) {
    const end = text.indexOf('"', PREFIX.length);
    if (end === -1 || text[end + 1] !== ',') return false;
    const hash = text.slice(PREFIX.length, end).split(':')[1];
    return textHash(`{${text.slice(end + 2)}`) === hash;
  }
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc);
  } catch {
    return false;
  }
}
