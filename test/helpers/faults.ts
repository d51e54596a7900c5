// A run cut at one of its service calls, as the crash tests make them: killed there, or failing there once.
import { expect } from 'vitest';
import { RunKilled, type Host } from '../../dev/host/index';

export type Fault = 'kill' | 'failure';

/** Runs the entry point `name` with a kill or a failure at its k-th service call; whatever the cut run throws is the point. */
export function runCut(host: Host, fault: Fault, k: number, name: string, ...args: unknown[]): void {
  if (fault === 'kill') host.killAtCall(k);
  else host.failAtCall(k);
  try {
    host.run(name, ...args);
  } catch (error) {
    // Killed (a kill always ends the run), or the failure reached the top: the next run completes it.
    if (fault === 'kill') expect(error).toBeInstanceOf(RunKilled);
  }
}
