// The weekly rhythm's jobs for the scheduler, in the order they run: the record, then the digest that
// reads it. Each runs under the document lock: the clock and a catch-up (src/schedule/shell.ts) may both try.
import { underDocumentLock, type ScheduledJob } from '../schedule/job';
import { weeklyDigestJob } from './digest';
export { primeDigest } from './digest';
import { weeklyRecordJob } from './history';

const JOBS: readonly ScheduledJob[] = [underDocumentLock(weeklyRecordJob), underDocumentLock(weeklyDigestJob)];

export function weeklyJobs(): readonly ScheduledJob[] {
  return JOBS;
}
