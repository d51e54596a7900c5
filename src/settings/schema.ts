// The settings document (PRODUCT.md §7): one JSON document, validated with zod, with a version.
import * as z from 'zod';
import { DEFAULT_EFFECTIVE_TOUCHES } from '../metrics/touches';
import { ROLES } from '../tracker/headers';

export const SETTINGS_VERSION = 1;
export const PERIODS = ['this_week', 'last_week', 'this_month', 'last_month', 'last_30_days', 'this_quarter', 'last_quarter', 'this_year', 'all'] as const;
export type Period = (typeof PERIODS)[number];

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function buildSchema() {
  const text = z.string().trim().max(200);
  // Only known roles: an unbounded map would be stored, and read by every custom-function call.
  const roles = [...new Set(Object.values(ROLES).flat())] as [string, ...string[]];
  const columns = z.partialRecord(z.enum(roles), text);
  const source = z.object({
    sheet: text.min(1),
    columns,
    stageColumns: z.array(text).max(30).default([]),
    // Beside a stage column: the date a deal reached a stage, for the stages that have such a column.
    stageDates: z.array(z.object({ stage: text.min(1), column: text.min(1) })).max(30).optional(),
  });
  const count = (max: number) => z.number().int().min(0).max(max);
  return z.object({
    version: z.literal(SETTINGS_VERSION),
    sources: z
      // A source left out is a source not set (a settings.json may name only the deals).
      .object({ deals: source.nullable().default(null), activities: source.nullable().default(null), leads: source.nullable().default(null) })
      .default({ deals: null, activities: null, leads: null }),
    funnel: z.array(text.min(1)).max(30).default([]),
    // A stage renamed in the settings: deals whose stage cell still holds the old name count at the new one.
    stageAliases: z.array(z.object({ alias: text.min(1), stage: text.min(1) })).max(60).default([]),
    targets: z.array(z.number().min(0).max(1).nullable()).max(30).default([]),
    wonWords: z.array(text.min(1)).max(50).default([]),
    lostWords: z.array(text.min(1)).max(50).default([]),
    stalledDays: count(3650).min(1).default(14),
    period: z.enum(PERIODS).default('this_month'),
    sla: z
      .object({
        minutes: z.number().positive().max(10_080).default(10),
        workingHours: z
          .object({
            days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
            from: z.string().regex(HHMM),
            to: z.string().regex(HHMM),
          })
          .refine((h) => h.from < h.to, { message: 'from must be before to', path: ['to'] })
          .nullable()
          .default(null),
        // A department of a hundred managers, with room to spare.
        rotation: z.array(z.object({ manager: text.min(1), email: z.union([z.email(), z.literal('')]).default(''), onDuty: z.boolean().default(true) })).max(150).default([]),
        maxReassignments: count(20).default(3),
        notifyManagers: z.boolean().default(false),
        /** No longer read: the install decides (a bound script checks every minute). Kept so saved documents stay valid. */
        everyMinute: z.boolean().default(false),
      })
      .default({ minutes: 10, workingHours: null, rotation: [], maxReassignments: 3, notifyManagers: false, everyMinute: false }),
    headOfSalesEmail: z.union([z.email(), z.literal('')]).default(''),
    /** The summary's money: '' follows the spreadsheet's locale; else a currency sign or code (₽, $, €, £, RUB, USD…). */
    currency: z.string().trim().max(8).default(''),
    effectiveTouches: z.array(text.min(1)).max(100).default([...DEFAULT_EFFECTIVE_TOUCHES]),
    plans: z
      .array(
        z.object({
          manager: text.min(1),
          touchesPerWeek: z.number().min(0).max(100_000).default(0),
          dealsPerMonth: z.number().min(0).max(100_000).default(0),
          revenuePerMonth: z.number().min(0).max(1e12).default(0),
        }),
      )
      .max(150)
      .default([]),
  });
}

let schema: ReturnType<typeof buildSchema> | null = null;
/** Built on first use: the bundle's top level does no work (it runs on every custom-function call). */
export function settingsSchema(): ReturnType<typeof buildSchema> {
  return (schema ??= buildSchema());
}

export type Settings = z.infer<ReturnType<typeof buildSchema>>;
export type SourceSettings = NonNullable<Settings['sources']['deals']>;

export function defaultSettings(): Settings {
  return settingsSchema().parse({ version: SETTINGS_VERSION });
}

/** "09:30" → 570. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The working hours of the settings in the form the metrics take, or null when not set. */
export function workingHoursOf(settings: Settings | null): import('../metrics/workingHours').WorkingHours | null {
  const h = settings?.sla.workingHours;
  return h ? { days: h.days, from: minutesOfDay(h.from), to: minutesOfDay(h.to) } : null;
}
