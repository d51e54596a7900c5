// The weekly review as the summary and the digest show it: the hidden sheets read once each, the rest pure (review.ts).
import type { Language } from '../i18n/language';
import type { SummaryFigures } from '../summary/figures';
import type { WeeklyReview } from '../summary/model';
import type { TrackerRead } from '../summary/sources';
import { historyKind, openDealsKind } from './history';
import { historyFor, pipelineChange, thisWeekActions, trendWeeks } from './review';
import { kpiRowsOf, openDealRowsOf, readOwned } from './store';
import { lastCompleteWeek, WEEK } from './weeks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function weeklyReview(
  spreadsheet: Spreadsheet,
  language: Language,
  read: Pick<TrackerRead, 'data'>,
  figures: SummaryFigures,
  nowWall: number,
): WeeklyReview {
  const lastWeek = lastCompleteWeek(nowWall);
  const weeks = trendWeeks(lastWeek);
  const history = historyFor(read.data, kpiRowsOf(readOwned(spreadsheet, historyKind(language))), weeks);
  const open = openDealRowsOf(readOwned(spreadsheet, openDealsKind(language)));
  const openAt = (week: number) => {
    const rows = open.filter((r) => r.week === week);
    return rows.length ? rows : null;
  };
  const lastTwo = history.filter((r) => r.week >= lastWeek - WEEK);
  return {
    actions: thisWeekActions(figures, read.data, lastTwo, lastWeek, language),
    weeks,
    history,
    change: pipelineChange(read.data, lastWeek, openAt(lastWeek - WEEK), openAt(lastWeek)),
  };
}
