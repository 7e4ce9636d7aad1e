// `npm test`'s first step: the services the tests talk to must answer, and the two system tools
// some tests drive come from Debian's packages. Installs a missing tool when it can (root with
// apt-get), saying so in one line; otherwise stops before any test runs with one line that says
// exactly what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

const SERVICES = [
  { name: 'Postgres', variable: 'DATABASE_URL', url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', port: 5432 },
  { name: 'Redis', variable: 'REDIS_URL', url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', port: 6379 },
];

function answers({ url, port }) {
  const parsed = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: parsed.hostname || '127.0.0.1', port: Number(parsed.port) || port });
    socket.setTimeout(2000, () => socket.destroy());
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

for (const service of SERVICES) {
  if (!(await answers(service))) {
    console.error(`npm test needs ${service.name} at ${service.url} (set ${service.variable} to use another); start it and run npm test again.`);
    process.exit(1);
  }
}

const TOOLS = [
  {
    what: 'Chromium (the web app’s browser tests)',
    pkg: 'chromium',
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    elsewhere: 'or point CHROMIUM_PATH at a Chromium',
  },
  {
    what: 'docker-compose (validates docker-compose.yml offline)',
    pkg: 'docker-compose',
    present: () => spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0,
    elsewhere: 'or put a docker-compose on PATH',
  },
];

const missing = TOOLS.filter((tool) => !tool.present());
if (missing.length > 0) {
  const packages = missing.map((tool) => tool.pkg).join(' ');
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    console.error(
      `npm test needs ${missing.map((tool) => tool.what).join(' and ')}: run "sudo apt-get install -y ${packages}" ` +
        `(${missing.map((tool) => tool.elsewhere).join('; ')}), then npm test again.`,
    );
    process.exit(1);
  }
  console.error(`npm test: installing ${packages} from Debian's packages (apt-get), needed by ${missing.map((tool) => tool.what).join(' and ')}.`);
  const quiet = { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing.map((tool) => tool.pkg)]]) {
    const result = spawnSync('apt-get', args, quiet);
    if (result.status !== 0) {
      console.error(`npm test: "apt-get ${args.join(' ')}" failed; install ${packages} yourself and run npm test again.\n${result.stderr}`);
      process.exit(1);
    }
  }
  const still = missing.filter((tool) => !tool.present());
  if (still.length > 0) {
    console.error(`npm test: ${still.map((tool) => tool.pkg).join(' ')} still missing after apt-get; install it and run npm test again.`);
    process.exit(1);
  }
}
