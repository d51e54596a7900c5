// The settings document (docs/settings.md lists every key): one JSON document, validated with zod, with a version.
// zod/mini: the same rules as zod's classic API at half the size — every custom-function call
// evaluates the whole bundle, so its size is time.
import * as z from 'zod/mini';
import { DEFAULT_EFFECTIVE_TOUCHES } from '../metrics/touches';
import { BIGQUERY_ROLES } from './bigquery';
import { ROLES } from '../tracker/headers';

export const SETTINGS_VERSION = 1;
export const PERIODS = [
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'last_30_days',
  'this_quarter',
  'last_quarter',
  'this_year',
  'all',
] as const;
export type Period = (typeof PERIODS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

// Builders of the document's parts: functions, so that nothing is built until the schema is first used.
const text = () => z.string().check(z.trim(), z.maxLength(200));
const name = () => z.string().check(z.trim(), z.maxLength(200), z.minLength(1));
const list = <T extends z.ZodMiniType>(item: T, max: number, fallback: z.output<T>[]) =>
  z._default(z.array(item).check(z.maxLength(max)), () => [...fallback]);
const count = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const email = () => z.union([z.email(), z.literal('')]);

/** Where the data is: a sheet per source and which header plays which role. */
function sourcesSchema() {
  // Only known roles: an unbounded map would be stored, and read by every custom-function call.
  const roles = [...new Set(Object.values(ROLES).flat())] as [string, ...string[]];
  const source = z.object({
    sheet: name(),
    columns: z.partialRecord(z.enum(roles), text()),
    stageColumns: list(text(), 30, []),
    // Beside a stage column: the date a deal reached a stage, for the stages that have such a column.
    stageDates: z.optional(z.array(z.object({ stage: name(), column: name() })).check(z.maxLength(30))),
  });
  return z._default(
    // A source left out is a source not set (a settings.json may name only the deals).
    // history: one row per stage a deal entered (amoCRM's event list, Bitrix24's stage history, a log).
    z.object({
      deals: z._default(z.nullable(source), null),
      activities: z._default(z.nullable(source), null),
      leads: z._default(z.nullable(source), null),
      history: z._default(z.nullable(source), null),
    }),
    () => ({ deals: null, activities: null, leads: null, history: null }),
  );
}

/** Lead response and the lead watch: the SLA, working hours, who takes leads over. */
function slaSchema() {
  return z._default(
    z.object({
      minutes: z._default(z.number().check(z.positive(), z.lte(10_080)), 10),
      workingHours: z._default(
        z.nullable(
          z
            .object({
              days: z.array(z.int().check(z.gte(0), z.lte(6))).check(z.minLength(1), z.maxLength(7)),
              from: z.string().check(z.regex(HHMM)),
              to: z.string().check(z.regex(HHMM)),
            })
            .check(z.refine((h) => h.from < h.to, { message: 'from must be before to', path: ['to'] })),
        ),
        null,
      ),
      // A department of a hundred managers, with room to spare.
      rotation: list(z.object({ manager: name(), email: z._default(email(), ''), onDuty: z._default(z.boolean(), true) }), 150, []),
      maxReassignments: z._default(count(0, 20), 3),
      notifyManagers: z._default(z.boolean(), false),
      /** No longer read: the install decides (a bound script checks every minute). Kept so saved documents stay valid. */
      everyMinute: z._default(z.boolean(), false),
    }),
    () => ({ minutes: 10, workingHours: null, rotation: [], maxReassignments: 3, notifyManagers: false, everyMinute: false }),
  );
}

/** The weekly rhythm (docs/weekly.md): the Monday digest and how many weeks the history keeps. */
function weeklySchema() {
  return z._default(
    z.object({
      digest: z._default(z.boolean(), false),
      /** Who gets the digest besides the head of sales. */
      recipients: list(z.email(), 10, []),
      /** Each manager with an e-mail in the rotation also gets their own figures. */
      managerEmails: z._default(z.boolean(), false),
      keepWeeks: z._default(count(8, 520), 104),
    }),
    () => ({ digest: false, recipients: [], managerEmails: false, keepWeeks: 104 }),
  );
}

/** Each manager's activity plan: effective touches a week, won deals and revenue a month. */
function plansSchema() {
  return list(
    z.object({
      manager: name(),
      touchesPerWeek: z._default(z.number().check(z.gte(0), z.lte(100_000)), 0),
      dealsPerMonth: z._default(z.number().check(z.gte(0), z.lte(100_000)), 0),
      revenuePerMonth: z._default(z.number().check(z.gte(0), z.lte(1e12)), 0),
    }),
    150,
    [],
  );
}

/**
 * The deals from a BigQuery table instead of a sheet (docs/sql.md, "BigQuery in the add-on"): the
 * table, who pays for the queries, where they run, the most one query may bill, which column is which.
 */
function bigquerySchema() {
  return z._default(
    z.nullable(
      z.object({
        /** `project.dataset.table`: checked part by part where it is saved and where it is used (settings/bigquery.ts). */
        table: z.string().check(z.trim(), z.maxLength(1100)),
        /** The project the query jobs run and are billed in; '' is the table's own project. */
        billingProject: z._default(z.string().check(z.trim(), z.maxLength(100)), ''),
        /** '' lets BigQuery find the table's location; else US, EU or a region. */
        location: z._default(z.string().check(z.trim(), z.maxLength(40)), ''),
        /** The most one query may bill, in gigabytes (10⁹ bytes): BigQuery fails a query past it, without charge. */
        maxGigabytesBilled: z._default(z.number().check(z.gte(0.01), z.lte(1_000_000)), 10),
        columns: z.partialRecord(z.enum(BIGQUERY_ROLES), z.string().check(z.trim(), z.maxLength(300))),
      }),
    ),
    null,
  );
}

function buildSchema() {
  return z.object({
    version: z.literal(SETTINGS_VERSION),
    sources: sourcesSchema(),
    funnel: list(name(), 30, []),
    // A stage renamed in the settings: deals whose stage cell still holds the old name count at the new one.
    stageAliases: list(z.object({ alias: name(), stage: name() }), 60, []),
    targets: list(z.nullable(z.number().check(z.gte(0), z.lte(1))), 30, []),
    wonWords: list(name(), 50, []),
    lostWords: list(name(), 50, []),
    stalledDays: z._default(count(1, 3650), 14),
    // A stage's own threshold: an open deal in it is stalled after this many days in the stage or without activity.
    stalledDaysByStage: list(z.object({ stage: name(), days: count(1, 3650) }), 30, []),
    // The funnel order detection guessed from counts: while the funnel is still this list, the summary says so.
    funnelGuess: list(name(), 30, []),
    period: z._default(z.enum(PERIODS), 'this_month'),
    sla: slaSchema(),
    headOfSalesEmail: z._default(email(), ''),
    weekly: weeklySchema(),
    /** The summary's money: '' follows the data, then the spreadsheet's locale; else a currency sign or code (₽, $, €, £, RUB, USD…). */
    currency: z._default(z.string().check(z.trim(), z.maxLength(8)), ''),
    effectiveTouches: list(name(), 100, [...DEFAULT_EFFECTIVE_TOUCHES]),
    plans: plansSchema(),
    bigquery: bigquerySchema(),
  });
}

let schema: ReturnType<typeof buildSchema> | null = null;
/** Built on first use: the bundle's top level does no work (it runs on every custom-function call). */
export function settingsSchema(): ReturnType<typeof buildSchema> {
  return (schema ??= buildSchema());
}

export type Settings = z.output<ReturnType<typeof buildSchema>>;
export type SourceSettings = NonNullable<Settings['sources']['deals']>;
export type BigQuerySettings = NonNullable<Settings['bigquery']>;

export function defaultSettings(): Settings {
  return settingsSchema().parse({ version: SETTINGS_VERSION });
}
