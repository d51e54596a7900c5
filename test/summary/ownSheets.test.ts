// The summary deletes only sheets it marked (developer metadata): a user's own sheet, whatever its
// name — even the one a build gives the sheet it is building — is never removed.
import { describe, expect, it } from 'vitest';
import { createHost } from '../../dev/host/index';
import { isOwnedSheetRecord } from '../../dev/host/ownership';

describe('a user’s own sheets named like ours', () => {
  for (const name of ['KPI Summary …', 'KPI Summary … 2', 'KPI Summary 2', 'Сводка KPI …']) {
    it(`an empty sheet of the user's named "${name}" survives every build`, () => {
      const host = createHost();
      host.run('menuInsertSample');
      host.book.addSheet(name);
      for (let build = 1; build <= 3; build++) {
        host.run('menuBuildSummary');
        expect(host.book.sheet(name), `build ${build}`).toBeDefined();
      }
      expect(host.book.sheets.filter((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))).toHaveLength(1);
    });
  }
});
