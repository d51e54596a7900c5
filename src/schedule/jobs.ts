// Every job the one clock trigger runs, in the order a run takes them: the lead watch's deadlines
// first (minutes matter there), the daily formula refresh, then the weekly jobs.
import { formulaRefresh } from '../refresh/formulas';
import { leadDeadlines } from '../watch/job';
import { weeklyJobs } from '../weekly/index';
import type { ScheduledJob } from './job';

/** The weekly jobs (src/weekly/: the KPI history, then the digest) each keep their state under their own `name` in document properties. */
export function scheduledJobs(): readonly ScheduledJob[] {
  return [leadDeadlines, formulaRefresh, ...weeklyJobs()];
}
