// npm run push: deploy dist/ with clasp — after checking that .clasp.json names a real script.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let scriptId = '';
try {
  scriptId = String((JSON.parse(readFileSync('.clasp.json', 'utf8')) as { scriptId?: string }).scriptId ?? '');
} catch (error) {
  console.error(`.clasp.json could not be read (${(error as Error).message}). It needs {"scriptId": "…", "rootDir": "dist"}.`);
  process.exit(1);
}
if (scriptId === 'REPLACE_WITH_YOUR_SCRIPT_ID' || !/^[\w-]{30,}$/.test(scriptId)) {
  console.error(
    `.clasp.json has no script id yet ("${scriptId}"). Create the Apps Script project (npx clasp create --type standalone --rootDir dist)\n` +
      'or copy the id of your tracker\'s script (Extensions › Apps Script › Project settings) into .clasp.json, then run npm run push again.\n' +
      'See README › Deploying with clasp.',
  );
  process.exit(1);
}
const result = spawnSync('npx', ['clasp', 'push', '--force'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
