// npm run preview shows the history growing as its clock is moved on a week at a time.
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../dev/preview/server';
import { editSettings } from '../helpers/watch';

describe('the preview’s clock and the weekly record', () => {
  let preview: Preview | null = null;
  afterAll(() => preview?.close());

  it('“+1 week” runs the week’s triggers: the hidden KPI history gains a week, shown as a hidden tab', async () => {
    preview = await startPreview({ now: new Date(2026, 10, 27, 10).getTime() });
    const post = (path: string, body: unknown) =>
      fetch(new URL(path, preview!.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const state = () =>
      fetch(new URL('/state', preview!.url)).then((r) => r.json()) as Promise<{
        sheets: { name: string; hidden: boolean; rows?: { text: string }[][]; more?: number }[];
      }>;
    await post('/menu', { functionName: 'menuInsertSample' });
    editSettings(preview.host, (s) => {
      s.headOfSalesEmail = 'head@example.com';
    });
    await post('/menu', { functionName: 'menuDigestOn' });
    const weeks = async () => {
      // The page gets the first rows of each sheet; the host holds them all.
      expect((await state()).sheets.find((s) => s.name === 'KPI history')!.hidden).toBe(true);
      return new Set(
        preview!.host.book
          .rows('KPI history')
          .slice(1)
          .map((r) => String(r[0])),
      ).size;
    };
    await post('/clock', { minutes: 120 });
    const before = await weeks();
    expect(before).toBeGreaterThan(5);
    await post('/clock', { minutes: 7 * 24 * 60 });
    expect(await weeks()).toBe(before + 1);
    expect(preview.host.outbox.filter((m) => /Sales KPI/.test(m.subject))).toHaveLength(1);
  }, 120_000);
});
