// Every job the one clock trigger runs, in the order a run takes them: the lead watch's deadlines
// first (minutes matter there), the daily formula refresh, then the weekly jobs.
import { formulaRefresh } from '../refresh/formulas';
import { leadDeadlines } from '../watch/job';
import type { ScheduledJob } from './job';

/**
 * The weekly jobs (src/weekly/: the KPI history, the digest) join here as `...weeklyJobs()`; each
 * keeps its state under its own `name` in document properties.
 */
const WEEKLY_JOBS: readonly ScheduledJob[] = [];

export function scheduledJobs(): readonly ScheduledJob[] {
  return [leadDeadlines, formulaRefresh, ...WEEKLY_JOBS];
}
