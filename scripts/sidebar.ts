// Builds dist/Sidebar.html: the settings page with its client code and CSS inlined (one file).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export async function buildSidebar(root: string): Promise<string> {
  const dir = join(root, 'src/sidebar');
  const client = await build({
    entryPoints: [join(dir, 'client.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    minify: true,
    write: false,
    charset: 'utf8',
  });
  const css = readFileSync(join(dir, 'page.css'), 'utf8');
  const html = readFileSync(join(dir, 'page.html'), 'utf8');
  // The page's script must not end the <script> element early.
  const js = client.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  return html.replace('/*STYLE*/', () => css).replace('/*SCRIPT*/', () => js);
}
