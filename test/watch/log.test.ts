// The lead watch's log as the KPI summary reads it: by the language-neutral code, whatever the language.
import { describe, expect, it } from 'vitest';
import { actionsInLog, reroutesInLog } from '../../src/watch/log';

const t = (h: number) => new Date(Date.UTC(2026, 10, 25, h));
const wallOf = (d: Date) => d.getTime();

describe('reading the lead watch log', () => {
  it('counts re-routes by their code, in a log written in any language', () => {
    const rows = [
      ['Время', 'Лид', 'От', 'Кому', 'Ждал минут', 'Действие', 'Код'],
      [t(9), 'L1', 'Анна', 'Борис', 11, 'переназначен', 'reroute'],
      [t(10), 'L1', 'Борис', '', 40, 'эскалация', 'escalate'],
      [t(11), 'L2', 'Anna', 'Boris', 11, 'rerouted', 'reroute'],
    ];
    expect(reroutesInLog(rows, wallOf)).toEqual([t(9).getTime(), t(11).getTime()]);
  });

  it('reads rows written before the code column by their action word, in either language', () => {
    const rows = [
      ['Time', 'Lead', 'From', 'To', 'Minutes waited', 'Action'],
      [t(9), 'L1', 'Anna', 'Boris', 11, 'rerouted'],
      [t(10), 'L2', 'Анна', 'Борис', 12, 'переназначен'],
      [t(11), 'L3', 'Anna', '', 30, 'escalated'],
    ];
    expect(reroutesInLog(rows, wallOf)).toEqual([t(9).getTime(), t(10).getTime()]);
  });

  it('a user who edits a code to something else is not counted as a re-route', () => {
    expect(reroutesInLog([['h'], [t(9), 'L1', 'Anna', 'Boris', 11, 'rerouted', 'checked by hand']], wallOf)).toEqual([]);
  });

  it('counts escalations too, by code or, in older rows, by the action word', () => {
    const rows = [
      ['Время', 'Лид', 'От', 'Кому', 'Ждал минут', 'Действие', 'Код'],
      [t(9), 'L1', 'Анна', 'Борис', 11, 'переназначен', 'reroute'],
      [t(10), 'L1', 'Борис', '', 40, 'эскалация', 'escalate'],
      [t(11), 'L3', 'Anna', '', 30, 'escalated'],
    ];
    expect(actionsInLog(rows, wallOf)).toEqual({ rerouted: [t(9).getTime()], escalated: [t(10).getTime(), t(11).getTime()] });
  });
});
