// npm run preview's server: the local host behind a small HTTP API, on localhost only.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createHost, DIST_DIR, type Host, type HostOptions } from '../host/index';
import { isOwnedSheetRecord } from '../host/ownership';
import { shownRows } from '../host/render';
import { PREVIEW_PAGE } from './page';
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

function state(host: Host) {
  return {
    active: host.book.active.name,
    menu: host.ui.menus[0]?.items ?? [],
    sheets: host.book.sheets.map((sheet) => {
      const rows = shownRows(host.book, sheet);
      return { name: sheet.name, rows: rows.slice(0, ROWS_SHOWN), more: Math.max(0, rows.length - ROWS_SHOWN) };
    }),
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
      if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html', PREVIEW_PAGE);
      if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
      if (req.method === 'GET' && path === '/state') return send(res, 200, 'application/json', JSON.stringify(state(host)));
      if (req.method === 'GET' && path === '/sidebar') {
        const page = readFileSync(join(DIST_DIR, 'Sidebar.html'), 'utf8');
        return send(res, 200, 'text/html', page.replace('<head>', () => `<head>${GOOGLE_SCRIPT_SHIM}`));
      }
      if (req.method === 'POST' && path === '/menu') {
        const { functionName } = (await body(req)) as { functionName: string };
        const dialogs = host.ui.dialogs.length;
        const toasts = host.book.toasts.length;
        host.ui.sidebar = null;
        let error: string | null = null;
        try {
          host.run(functionName);
        } catch (e) {
          error = (e as Error).message;
        }
        const summary = host.book.sheets.find((s) => isOwnedSheetRecord(s, 'salesKpi.summary'))?.name ?? null;
        return send(res, 200, 'application/json', JSON.stringify({
          error,
          dialogs: host.ui.dialogs.slice(dialogs).filter((d) => d.kind !== 'sidebar'),
          toasts: host.book.toasts.slice(toasts).map((t) => t.message),
          sidebar: host.ui.sidebar ? (host.ui.sidebar as { title: string }).title : null,
          summary,
        }));
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
