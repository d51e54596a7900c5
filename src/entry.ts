// An entry point Apps Script calls by name: the build generates a top-level stub for each, with
// these parameters and this doc, forwarding to `run`.
export interface EntryPoint {
  params: readonly string[];
  doc: string;
  // biome-ignore lint/suspicious/noExplicitAny: each entry point takes its own arguments from Apps Script; `unknown[]` would refuse every typed run.
  run: (...args: any[]) => unknown;
}

export const entry = (doc: string, run: EntryPoint['run'], params: readonly string[] = []): EntryPoint => ({ params, doc, run });
