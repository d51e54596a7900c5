// The lead watch under every combination of Google's undocumented readings that can occur together
// (dev/host/RULES.md rules 3, 9, 23, 24): a day of leads keeps one clock trigger per user at
// every minute, never acts on a deadline early or twice, and is exact wherever the clock works.
import { describe, expect, it } from 'vitest';
import type { HostOptions } from '../../dev/host/index';
import { at, deadlineTriggers, leads, log, watchHost } from '../helpers/watch';

type Reading = Required<Pick<HostOptions, 'addonOneShot' | 'clockTriggersListed' | 'triggersFromTriggers' | 'clockSeesDocument'>>;

const READINGS: Reading[] = [];
for (const addonOneShot of ['asked', 'hourly'] as const)
  for (const clockTriggersListed of [true, false])
    for (const triggersFromTriggers of ['fire', 'never'] as const)
      for (const clockSeesDocument of [true, false])
        READINGS.push({ addonOneShot, clockTriggersListed, triggersFromTriggers, clockSeesDocument });

/** Where timed checks come when asked and see the document: the watch is exact there. */
const clockWorks = (r: Reading) => r.addonOneShot === 'asked' && r.triggersFromTriggers === 'fire' && r.clockSeesDocument;

const EXACT = [
  ['L2', 'Anna', 'Boris', 11, 'rerouted'],
  ['L3', 'Anna', 'Boris', 11, 'rerouted'],
  ['L3', 'Boris', 'David', 11, 'rerouted'],
  ['L4', 'Anna', 'Boris', 11, 'rerouted'],
  ['L4', 'Boris', 'David', 11, 'rerouted'],
  ['L4', 'David', 'Anna', 11, 'rerouted'],
  ['L5', 'Anna', 'Boris', 11, 'rerouted'],
  ['L5', 'Boris', 'David', 11, 'rerouted'],
  ['L5', 'David', 'Anna', 11, 'rerouted'],
  ['L5', 'Anna', '', 11, 'escalated'],
];

describe('a day of leads under every reading', () => {
  for (const reading of READINGS) {
    const name = Object.entries(reading)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    it(name, () => {
      // Lead i arrives at minute 60·i and is answered after `answer[i]` minutes (null: never).
      const answer = [4, 15, 27, 38, null, 9];
      const rows = answer.map((_, i) => [`L${i + 1}`, at(60 * i), '', 'Anna', at(60 * i), 'Site']);
      const host = watchHost({ leads: rows, on: false, ...reading });
      host.run('menuWatchOn');
      for (let minute = 1; minute <= 8 * 60; minute++) {
        host.clock.set(at(minute));
        answer.forEach((a, i) => {
          if (a !== null && minute === 60 * i + a) {
            host.book.sheet('Leads')!.set(i + 2, 3, at(minute));
            host.fireChange();
          }
        });
        host.fireDueTriggers();
        expect(deadlineTriggers(host).length, `minute ${minute}`).toBeLessThanOrEqual(1);
      }
      const got = log(host).map((r) => [r[1], r[2], r[3], r[4], r[5]]);
      // Never early, never twice: every act waited the SLA at least, and each lead's acts form one chain
      // (each from the manager the last gave it to; at most three re-routes, then one escalation).
      for (const row of got) expect(row[3] as number).toBeGreaterThanOrEqual(10);
      const chains = new Map<unknown, unknown[][]>();
      for (const row of got) chains.set(row[0], [...(chains.get(row[0]) ?? []), row]);
      for (const [lead, chain] of chains) {
        expect(chain.length, String(lead)).toBeLessThanOrEqual(4);
        chain.forEach((act, i) => i > 0 && expect(act[1], String(lead)).toBe(chain[i - 1][2] || chain[i - 1][1]));
        expect(
          chain.slice(0, -1).every((act) => act[4] === 'rerouted'),
          String(lead),
        ).toBe(true);
      }
      expect(host.triggers.refused).toEqual([]);
      expect(host.triggers.errors).toEqual([]);
      if (clockWorks(reading)) expect(got).toEqual(EXACT);
      // Whatever the reading, "Check now" acts on what is due, says so, and leaves one clock trigger set.
      host.run('menuWatchCheck');
      host.run('menuWatchCheck');
      expect(host.ui.dialogs.at(-1)!.text).toMatch(/0 re-routed, 0 escalated/);
      expect(deadlineTriggers(host)).toHaveLength(1);
      expect(
        leads(host)
          .slice(1)
          .map((r) => r[3]),
      ).toContain('Anna'); // L5 escalated with Anna, as in every reading that got there
    });
  }
});
