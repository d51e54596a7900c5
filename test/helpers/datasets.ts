// The real public datasets beside the repo (../shared/datasets). A user's clone has none: tests skip, saying why.
import Papa from 'papaparse';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATASETS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'datasets');
export const MAVEN = join(DATASETS, 'maven-crm', 'sales_pipeline.csv');
export const OLIST_LEADS = join(DATASETS, 'olist-funnel', 'olist_marketing_qualified_leads_dataset.csv');
export const OLIST_DEALS = join(DATASETS, 'olist-funnel', 'olist_closed_deals_dataset.csv');
export const hasDatasets = existsSync(MAVEN) && existsSync(OLIST_LEADS) && existsSync(OLIST_DEALS);
export const SKIP_REASON = '(skipped: ../shared/datasets is not beside this clone)';

export function readCsv(path: string): string[][] {
  return Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: 'greedy' }).data;
}

/** The rows of a CSV as objects keyed by header. */
export function readRecords(path: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(path);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
