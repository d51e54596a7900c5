// The weekly rhythm's jobs for the scheduler, in the order they run: the record, then the digest that reads it.
import type { ScheduledJob } from '../schedule/job';
import { weeklyDigestJob } from './digest';
import { weeklyRecordJob } from './history';

export function weeklyJobs(): ScheduledJob[] {
  return [weeklyRecordJob, weeklyDigestJob];
}
