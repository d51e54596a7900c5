// npm run preview: the local host in a browser — sheets, the add-on menu, and the real settings sidebar.
import { parseArgs } from 'node:util';
import { startPreview } from './preview/server';

const { values } = parseArgs({ options: { port: { type: 'string' }, locale: { type: 'string' } } });
const preview = await startPreview({ port: Number(values.port ?? 8787), locale: values.locale ?? 'en_US' });
console.log(`Sales KPI preview on ${preview.url} (locale ${values.locale ?? 'en_US'}) — Ctrl+C to stop.`);
console.log('Open Extensions › Sales KPI › Insert sample tracker, then Settings… and Build KPI summary.');
