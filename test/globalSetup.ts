// Says once, at the start of the run, which tests will skip and why.
import { existsSync } from 'node:fs';
import { DATASETS, hasDatasets } from './helpers/datasets';

export default function announceSkips(): void {
  if (!hasDatasets) console.log(`Note: tests on the real datasets are skipped — ${DATASETS} is not beside this clone.`);
  if (!existsSync('/usr/bin/chromium'))
    console.log('Note: browser tests are skipped — /usr/bin/chromium is not installed (apt-get install -y chromium; .ci/run does it).');
}
