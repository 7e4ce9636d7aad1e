// `npm start`'s prestart: builds web/dist unless it is newer than everything it is built from,
// so `npm start` always serves the app as the source stands without rebuilding it every time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(web, 'dist', 'index.html');
const inputs = [join(web, 'src'), join(web, 'index.html'), join(web, 'vite.config.mts'), join(web, 'package.json'), join(web, '..', 'package-lock.json')];

/** The newest modification time under `path`; generated code follows the documents in src, which count. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'generated') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const reason = !existsSync(built) ? 'not built yet' : Math.max(...inputs.map(newest)) > statSync(built).mtimeMs ? 'sources changed' : undefined;
if (reason === undefined) {
  process.stdout.write('web app: web/dist is up to date\n');
} else {
  process.stdout.write(`web app: building web/dist (${reason})\n`);
  const { build } = await import('vite');
  await build({ root: web, configFile: join(web, 'vite.config.mts'), logLevel: 'warn' });
  process.stdout.write('web app: built web/dist\n');
}
