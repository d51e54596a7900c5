// npm run push: deploy dist/ with clasp — after checking, in one line each, the steps clasp needs
// first: a login, and a .clasp.json that names a real script.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CREATE = 'npx clasp create --type standalone --title "Sales KPI" --rootDir dist';

/** The missing step, in one line, or null when clasp can push. */
export function missingStep(cwd: string, home: string, authEnv: string | undefined): string | null {
  const auth = authEnv
    ? existsSync(join(authEnv, '.clasprc.json'))
      ? join(authEnv, '.clasprc.json')
      : authEnv
    : join(home, '.clasprc.json');
  if (!existsSync(auth)) return 'Not logged in to Google yet: run npx clasp login, then npm run push.';
  const file = join(cwd, '.clasp.json');
  if (!existsSync(file))
    return `No Apps Script project yet: run ${CREATE} (or, for your tracker's own script, write .clasp.json as {"scriptId": "<id from Extensions › Apps Script › Project settings>", "rootDir": "dist"}), then npm run push.`;
  let config: { scriptId?: unknown; rootDir?: unknown };
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as typeof config;
  } catch (error) {
    return `.clasp.json is not valid JSON (${(error as Error).message.split('\n')[0]}): it should read {"scriptId": "…", "rootDir": "dist"}.`;
  }
  const id = String(config.scriptId ?? '');
  if (!/^[\w-]{30,}$/.test(id))
    return `.clasp.json has no script id ("${id}"): run ${CREATE}, or copy your script's id into it, then npm run push.`;
  if (config.rootDir !== 'dist')
    return `.clasp.json must say "rootDir": "dist" (it says ${JSON.stringify(config.rootDir ?? null)}): npm run push builds the add-on there.`;
  return null;
}

if (process.argv[1]?.endsWith('push.ts')) {
  const problem = missingStep(process.cwd(), homedir(), process.env.clasp_config_auth);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const result = spawnSync('npx', ['clasp', 'push', '--force'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
