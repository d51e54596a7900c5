// A run cut at one of its service calls, as the crash tests make them: killed there, or failing there once.
import type { Host } from '../../dev/host/index';

export type Fault = 'kill' | 'failure';

/** Runs the entry point `name` with a kill or a failure at its k-th service call; whatever the cut run throws is the point. */
export function runCut(host: Host, fault: Fault, k: number, name: string, ...args: unknown[]): void {
  if (fault === 'kill') host.killAtCall(k);
  else host.failAtCall(k);
  try {
    host.run(name, ...args);
  } catch {
    // killed, or the failure reached the top: the next run completes it
  }
}
