// "Where is my data": each source's sheet and the columns of its roles, and Detect.
import type { SourceKind } from '../../contract';
import { detect } from '../actions';
import { bigQueryBlock } from './bigquery';
import { button, field, section, select, withMissing } from '../controls';
import { el } from '../dom';
import { data, draft, t } from '../state';

export function dataSection(): HTMLElement {
  const kinds: SourceKind[] = ['deals', 'activities', 'leads', 'history'];
  const blocks = kinds.map((kind) => {
    const source = draft.sources[kind];
    const sheetOptions: [string, string][] = withMissing(
      [['', t.none], ...data.sheets.map((s): [string, string] => [s.name, s.name])],
      source?.sheet,
    );
    const sheetSelect = select(
      sheetOptions,
      source?.sheet ?? '',
      (v) => {
        draft.sources[kind] = v ? { sheet: v, columns: {}, stageColumns: [] } : null;
      },
      true,
    );
    const headers = data.sheets.find((s) => s.name === source?.sheet)?.headers ?? [];
    const roles = source
      ? data.roles[kind].map(({ role, required }) => {
          // With one date column per stage, the stage column is not needed.
          const needed = required && !(kind === 'deals' && role === 'stage' && source.stageColumns.length > 0);
          const label = `${t.roles[role] ?? role}${needed ? ` (${t.required})` : ''}`;
          const control = select(
            withMissing([['', t.none], ...headers.map((h): [string, string] => [h, h])], source.columns[role]),
            source.columns[role] ?? '',
            (v) => {
              if (v) source.columns[role] = v;
              else delete source.columns[role];
            },
          );
          return field(label, control, `sources.${kind}.columns.${role}`);
        })
      : [];
    return el('fieldset', {}, el('legend', {}, t.kinds[kind]), field(t.sheet, sheetSelect, `sources.${kind}.sheet`), ...roles);
  });
  return section(
    t.qData,
    t.qDataIntro,
    !draft.sources.deals,
    button(t.detect, () => void detect(), { 'data-key': 'detect' }),
    ...blocks,
    bigQueryBlock(),
  );
}
