// `npm run demo`: Mina on one machine without an OpenAI account. Starts the project's
// OpenAI-compatible fake in demo mode (it knows the bundled demo recording and answers chat with
// labelled demo text, never as a model), seeds a demo workspace once, starts Mina against the
// fake and says where to go. Builds first when dist/ or the console is missing (or with --build).
// Real local AI servers instead of the fake: docs/local-ai.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '3000';
const dataDir = resolve(process.env.MINA_DATA_DIR ?? join(root, '.data', 'demo'));
const owner = { email: process.env.MINA_DEMO_EMAIL ?? 'demo@mina.local', password: process.env.MINA_DEMO_PASSWORD ?? 'demo-password' };
const admin = { email: process.env.MINA_ADMIN_EMAIL ?? 'admin@mina.local', password: process.env.MINA_ADMIN_PASSWORD ?? 'admin-password' };
const say = (line = '') => process.stdout.write(`${line}\n`);

const built = ['dist/src/main.js', 'dist/src/cli.js', 'dist/test/support/fake-openai/demo-server.js', 'admin/dist/index.html'];
if (process.argv.includes('--build') || built.some((f) => !existsSync(join(root, f)))) {
  say('Building Mina (API and console) once …');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const { startDemoFakeOpenAI, DEMO_RECORDING } = await import(pathToFileURL(join(root, 'dist/test/support/fake-openai/demo-server.js')).href);
const fake = await startDemoFakeOpenAI({
  port: Number(process.env.MINA_DEMO_AI_PORT ?? 0),
  onWarning: (message) => process.stderr.write(`[demo AI] ${message}\n`),
});

const env = {
  ...process.env,
  PORT: port,
  MINA_DATA_DIR: dataDir,
  OPENAI_BASE_URL: fake.baseURL,
  // The fake wants a Bearer token like the real API does; any value is accepted.
  OPENAI_API_KEY: 'demo-fake-key',
  MINA_ASR_MODE: 'windowed',
  MINA_REDIS_PREFIX: process.env.MINA_REDIS_PREFIX ?? 'mina-demo',
  MINA_ADMIN_EMAIL: admin.email,
  MINA_ADMIN_PASSWORD: admin.password,
};

mkdirSync(dataDir, { recursive: true });
const seededMarker = join(dataDir, 'demo-seeded.json');
if (!existsSync(seededMarker)) {
  say('Seeding the demo workspace …');
  const seed = spawnSync(process.execPath, ['dist/src/cli.js', 'seed-demo', '-e', owner.email, '-p', owner.password], { cwd: root, env, stdio: 'inherit' });
  if (seed.status !== 0) {
    await fake.close();
    process.exit(seed.status ?? 1);
  }
  writeFileSync(seededMarker, `${JSON.stringify({ seededAt: new Date().toISOString(), email: owner.email })}\n`);
}

const mina = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: 'inherit' });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  mina.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
mina.on('exit', (code, signal) => {
  void fake.close().then(() => process.exit(code ?? (signal ? 0 : 1)));
});

const base = `http://localhost:${port}`;
const deadline = Date.now() + 180_000;
for (;;) {
  if (stopping || mina.exitCode !== null) break;
  const ready = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
  if (ready) {
    say();
    say(`Mina demo is running: ${base}/admin`);
    say(`  Sign in as ${owner.email} / ${owner.password} (owner of the workspace "Demo: remote control team"),`);
    say(`  or as the instance admin ${admin.email} / ${admin.password} (sees every workspace: Workspaces → "All workspaces").`);
    say(`  The AI is the bundled fake at ${fake.baseURL} — no model, no account, nothing leaves this machine:`);
    say(`  it transcribes only the demo recording (${DEMO_RECORDING})`);
    say('  with its real words, marks any other speech "[demo AI: unknown audio #n]", and writes summaries and');
    say('  tasks as labelled demo text built from the transcript.');
    say('  Try: Meetings → "Remote control design kick-off" → its session → Finalize, and watch the insights arrive.');
    say('  Real local AI (faster-whisper-server / speaches, Ollama, vLLM): docs/local-ai.md. Stop with Ctrl+C.');
    say();
    break;
  }
  if (Date.now() > deadline) {
    process.stderr.write(`Mina did not become ready on ${base} within 3 minutes; stopping.\n`);
    stop('SIGTERM');
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
