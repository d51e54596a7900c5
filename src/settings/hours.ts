// The settings' working hours as the metrics take them. Apart from schema.ts, so that a custom
// function (Code.js) needs nothing of zod to use them.
import type { WorkingHours } from '../metrics/workingHours';
import type { Settings } from './schema';

/** "09:30" → 570. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The working hours of the settings in the form the metrics take, or null when not set. */
export function workingHoursOf(settings: Settings | null): WorkingHours | null {
  const h = settings?.sla.workingHours;
  return h ? { days: h.days, from: minutesOfDay(h.from), to: minutesOfDay(h.to) } : null;
}
