// A saved settings document carries a seal: the schema's revision and a hash of its text. A custom
// function — a fresh execution for every cell — then reads the settings with one JSON.parse and a
// hash, never building or running the zod schema. A document whose seal does not match (written by
// an earlier release, cut short, edited by hand) goes through the full parse and repair instead.

/**
 * The schema's revision: bump it whenever the settings schema changes (a field, a default, a rule),
 * so that documents sealed under the old schema are parsed afresh. test/settings/seal.test.ts fails
 * when the defaults change without a bump.
 */
export const SCHEMA_REVISION = 2;

/**
 * Two 32-bit FNV-1a hashes of the text's UTF-16 units: a check against accidents (truncation, an
 * older release), not against forgery — only this script's code can write its document properties.
 * @example textHash('{"version":1}') // 16 hex digits
 */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
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
