// npm run preview's server: the local host behind a small HTTP API, on localhost only.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHost, DIST_DIR, type Host, type HostOptions } from '../host/index';
import { isOwnedSheetRecord } from '../host/ownership';
import { shownRows } from '../host/render';
import { previewPage } from './page';
import { createHash } from 'node:crypto';
import { chartSvg } from '../host/render';
import { GOOGLE_SCRIPT_SHIM } from './shim';

const ROWS_SHOWN = 300;

export interface Preview {
  url: string;
  host: Host;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch (error) {
        reject(error);
      }
    });
  });
}

function send(res: ServerResponse, status: number, type: string, content: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(content);
}

/**
 * The workbook as the page shows it. `known` is what the page already holds (sheet name → version):
 * a sheet whose version is unchanged comes back as its name and version only.
 */
export function state(host: Host, known: Map<string, string> = new Map()) {
  return {
    active: host.book.active.name,
    menu: host.ui.menus[0]?.items ?? [],
    now: new Date(host.clock.now()).toLocaleString(host.book.locale.replace('_', '-'), {
      timeZone: host.book.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }),
    sheets: host.book.sheets.map((sheet) => {
      const rows = shownRows(host.book, sheet);
      const view = {
        rows: rows.slice(0, ROWS_SHOWN),
        more: Math.max(0, rows.length - ROWS_SHOWN),
        charts: sheet.charts.map((c) => chartSvg(host.book, sheet, c)),
      };
      const version = createHash('sha1').update(JSON.stringify(view)).digest('base64url').slice(0, 12);
      // A hidden sheet (the add-on's KPI history) is listed as Sheets lists it under View › Hidden sheets: marked, not as a tab.
      return known.get(sheet.name) === version
        ? { name: sheet.name, version, hidden: sheet.hidden }
        : { name: sheet.name, version, hidden: sheet.hidden, ...view };
    }),
  };
}

/** What a run showed the user: new dialogs and toasts. */
function shown(host: Host, run: () => void): { error: string | null; dialogs: { title: string; text: string }[]; toasts: string[] } {
  const dialogs = host.ui.dialogs.length;
  const toasts = host.book.toasts.length;
  let error: string | null = null;
  try {
    run();
  } catch (e) {
    error = (e as Error).message;
  }
  return {
    error,
    dialogs: host.ui.dialogs.slice(dialogs).filter((d) => d.kind !== 'sidebar'),
    toasts: host.book.toasts.slice(toasts).map((t) => t.message),
  };
}

/** Values from the script's realm, made plain for JSON. */
const plain = (value: unknown) => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export function startPreview(options: HostOptions & { port?: number } = {}): Promise<Preview> {
  const host = createHost(options);
  host.open({ enabled: true });
  const server: Server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/')
        return send(res, 200, 'text/html', previewPage(/^ru/i.test(options.locale ?? '') ? 'ru' : 'en'));
      if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (req.method === 'GET' && path === '/state') {
        const known = new Map([...new URLSearchParams((req.url ?? '').split('?')[1] ?? '')]);
        return send(res, 200, 'application/json', JSON.stringify(state(host, known)));
      }
      if (req.method === 'POST' && path === '/clock') {
        // Time passes: the triggers due by then run, as Google would run them.
        const { minutes } = (await body(req)) as { minutes: number };
        const reply = shown(host, () => {
          // Up to a week: the weekly record and the digest can be watched growing the history.
          for (let m = 0; m < Math.min(Math.max(1, minutes), 10_080); m++) {
            host.clock.advance(60_000);
            host.fireDueTriggers();
          }
        });
        return send(res, 200, 'application/json', JSON.stringify(reply));
      }
      if (req.method === 'GET' && path === '/sidebar') {
        // The page as the add-on rendered it for this user (its language), else the built file.
        const page = (host.ui.sidebar as { html?: string } | null)?.html ?? readFileSync(join(DIST_DIR, 'Sidebar.html'), 'utf8');
        return send(
          res,
          200,
          'text/html',
          page.replace('<head>', () => `<head>${GOOGLE_SCRIPT_SHIM}`),
        );
      }
      if (req.method === 'POST' && path === '/menu') {
        const { functionName } = (await body(req)) as { functionName: string };
        host.ui.sidebar = null;
        const reply = shown(host, () => host.run(functionName));
        const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))?.name ?? null;
        return send(
          res,
          200,
          'application/json',
          JSON.stringify({ ...reply, sidebar: host.ui.sidebar ? (host.ui.sidebar as { title: string }).title : null, summary }),
        );
      }
      if (req.method === 'POST' && path === '/rpc') {
        const { name, args } = (await body(req)) as { name: string; args: unknown[] };
        try {
          return send(res, 200, 'application/json', JSON.stringify({ ok: true, value: plain(host.run(name, ...(args ?? []))) }));
        } catch (e) {
          return send(res, 200, 'application/json', JSON.stringify({ ok: false, error: (e as Error).message }));
        }
      }
      send(res, 404, 'text/plain', 'Not found');
    } catch (e) {
      send(res, 500, 'text/plain', (e as Error).message);
    }
  });
  return new Promise((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, host, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
