// The KPI summary as a pure description of a sheet: cells, formats, styles, merges, charts. Its sections are in
// modelHeadline.ts, modelDeals.ts, modelTeam.ts and modelWeekly.ts; what they share is in modelParts.ts.
import { summaryText } from '../i18n/summary';
import { chooseCurrency, moneyFormat } from './currency';
import { type SheetModel, ModelBuilder, type ModelInput, type Ctx } from './modelParts';
import { headerSection, headlineSection, forecastSection } from './modelHeadline';
import { funnelSection, leaksSection, weakLinksSection, cycleSection } from './modelDeals';
import {
  leadsSection,
  managerColumns,
  managersSection,
  repeatSection,
  TOP_REASONS,
  lossReasonsSection,
  cohortsSection,
  notesSection,
} from './modelTeam';
import { thisWeekSection, trendsSection, pipelineChangeSection } from './modelWeekly';
export { COLOURS, type Block, type ChartModel, type ModelCell, type ModelInput, type SheetModel, type WeeklyReview } from './modelParts';
export { sparkText } from './modelHeadline';
export { countText, managerColumns, noteText } from './modelTeam';

export function summaryModel(input: ModelInput): SheetModel {
  const t = summaryText[input.language];
  const f = input.figures;
  const sign = chooseCurrency(input.dataCurrency?.format ?? '', input.dataCurrency?.text ?? '', input.currency ?? '', input.locale);
  const c: Ctx = { t, f, language: input.language, locale: input.locale, money: moneyFormat(sign), sign };
  const loss = f.lossReasons;
  const lossWidth = loss ? Math.max(t.lossHeader.length + loss.stages.length + 1, t.lossManagersHeader.length + TOP_REASONS + 1) : 0;
  const width = Math.max(
    t.funnelHeader.length,
    managerColumns(f).length,
    f.weakLinks.steps.length + 2,
    lossWidth,
    input.weekly ? input.weekly.weeks.length + 1 : 0,
    10,
  );
  const b = new ModelBuilder(width);
  headerSection(b, c, input);
  if (input.weekly) thisWeekSection(b, c, input.weekly);
  headlineSection(b, c);
  if (input.weekly) {
    trendsSection(b, c, input.weekly);
    pipelineChangeSection(b, c, input.weekly.change);
  }
  forecastSection(b, c);
  funnelSection(b, c);
  leaksSection(b, c);
  weakLinksSection(b, c);
  cycleSection(b, c);
  leadsSection(b, c);
  managersSection(b, c);
  repeatSection(b, c);
  lossReasonsSection(b, c);
  cohortsSection(b, c);
  managersSection(b, c, true);
  notesSection(b, c);
  return {
    name: input.sheetName ?? t.sheetName,
    width,
    rows: b.rows,
    merges: b.merges,
    charts: b.charts,
    columnWidths: Array.from({ length: width }, (_, i) => (i === 0 ? 220 : 110)),
    frozenRows: 1,
  };
}
