// The worst case per function on one long cell (docs/performance.md): each shape that made earlier
// versions backtrack, at 1,000 and 50,000 characters, and the per-character ratio (1 = linear).
import { callCustomFunction } from '../src/functions/registry';
import { LONG_CELL_CALLS, LONG_CELL_SHAPES } from '../test/helpers/longCells';
import type { FunctionEnv } from '../src/functions/env';

const env: FunctionEnv = { locale: () => 'en_US', timeZone: () => 'UTC', settings: () => null, now: () => Date.UTC(2026, 10, 27) };

function time(name: string, args: unknown[], repeat: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < repeat; i++) {
      try {
        callCustomFunction(name, args, env);
      } catch {
        // errors are answers too: their cost counts
      }
    }
    best = Math.min(best, (performance.now() - start) / repeat);
  }
  return best;
}

export function benchLongCells(): string {
  const lines = ['| Function | Worst shape | 1,000 chars | 50,000 chars | per-char ratio (1 = linear) |', '|---|---|---:|---:|---:|'];
  for (const [name, argsOf] of Object.entries(LONG_CELL_CALLS)) {
    let worst = { shape: '', small: 0, large: 0 };
    for (const [shape, make] of Object.entries(LONG_CELL_SHAPES)) {
      const large = time(name, argsOf(make(50_000)), 3);
      if (large > worst.large) worst = { shape, small: time(name, argsOf(make(1_000)), 100), large };
    }
    lines.push(
      `| ${name} | ${worst.shape} | ${worst.small.toFixed(3)} ms | ${worst.large.toFixed(2)} ms | ${(worst.large / (worst.small * 50)).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
