import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CORE_SCHEMA, load, loadAll, mergeTag } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLOS, SLO_METRICS } from '#src/slo/slo.definitions.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/* The files under ops/ are checked by the tools that will read them (promtool, nginx) when those
 * are installed, and by a schema check of the YAML that compose and Kubernetes would reject or
 * that would run Mina unsafely (no probes, no limits, root). */

const ROOT = resolve(import.meta.dirname, '../..');
const OPS = join(ROOT, 'ops');
const has = (tool: string): boolean => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error === undefined;
const run = (cmd: string, args: string[], cwd = ROOT) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML is walked loosely; the assertions are the schema.
type Doc = Record<string, any>;
const yamlSchema = CORE_SCHEMA.withTags(mergeTag);
const readYaml = (path: string): Doc => load(readFileSync(path, 'utf8'), { schema: yamlSchema }) as Doc;
const readYamlDocs = (path: string): Doc[] =>
  (loadAll(readFileSync(path, 'utf8'), { schema: yamlSchema }) as Doc[]).filter(Boolean);

const WINDOWS = ['5m', '30m', '1h', '6h', '3d'];
const PROM_RULES = ['slo-rules.yml', 'slo-alerts.yml'].map((f) => join(OPS, 'prometheus', f));

describe('ops/prometheus', () => {
  it.skipIf(!has('promtool'))('passes promtool check rules and the alert unit tests', () => {
    const check = run('promtool', ['check', 'rules', ...PROM_RULES]);
    expect(check.output).toContain('SUCCESS');
    expect(check.status, check.output).toBe(0);
    const tests = readdirSync(join(OPS, 'prometheus', 'tests')).filter((f) => f.endsWith('.test.yml'));
    expect(tests.length).toBeGreaterThan(0);
    for (const file of tests) {
      const unit = run('promtool', ['test', 'rules', file], join(OPS, 'prometheus', 'tests'));
      expect(unit.status, unit.output).toBe(0);
    }
  });

  it('records every SLO of src/slo/slo.definitions.ts at every burn-rate window, with its budget', () => {
    const rules = readYaml(PROM_RULES[0]).groups.flatMap((g: Doc) => g.rules as Doc[]);
    for (const slo of SLOS) {
      const budget = rules.find(
        (r: Doc) => r.record === 'slo:error_budget:ratio' && r.labels?.slo === slo.id,
      );
      expect(budget?.expr, slo.id).toBe(`vector(${+(1 - slo.objective).toFixed(6)})`);
      for (const w of WINDOWS) {
        const rule = rules.find(
          (r: Doc) => r.record === `slo:sli_error:ratio_rate${w}` && r.labels?.slo === slo.id,
        );
        expect(rule, `${slo.id} ${w}`).toBeDefined();
        expect(rule.expr).toContain(`[${w}]`);
        if (slo.kind === 'latency') expect(rule.expr).toContain(`le="${slo.thresholdSeconds}"`);
      }
    }
  });

  it('alerts on the SRE workbook pairs: 1h/5m at 14.4, 6h/30m at 6, 3d/6h at 1', () => {
    const alerts = readYaml(PROM_RULES[1])
      .groups.flatMap((g: Doc) => g.rules as Doc[])
      .filter((r: Doc) => r.alert);
    const pairs = alerts
      .filter((a: Doc) => String(a.alert).startsWith('MinaErrorBudget'))
      .map((a: Doc) => {
        const windows = [...String(a.expr).matchAll(/ratio_rate(\w+) > on\(slo\) \(([\d.]+) \*/g)].map(
          (m) => `${m[1]}@${m[2]}`,
        );
        return `${windows.join(' & ')} → ${a.labels.severity}`;
      });
    expect(pairs.sort()).toEqual(['1h@14.4 & 5m@14.4 → page', '3d@1 & 6h@1 → ticket', '6h@6 & 30m@6 → page']);
    for (const a of alerts)
      expect(existsSync(join(ROOT, a.annotations.runbook)), `${a.alert}: ${a.annotations.runbook}`).toBe(
        true,
      );
  });
});

describe('ops/prometheus against the metrics a running Mina exposes', () => {
  let t: TestApp;
  let scrape: string;
  beforeAll(async () => {
    t = await startTestApp({ db: 'pglite' });
    scrape = (await t.http.get('/metrics').expect(200)).text;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('uses only metric names Mina registers', () => {
    const rules = PROM_RULES.map((p) => readFileSync(p, 'utf8')).join('\n');
    const names = new Set(
      [...rules.matchAll(/\b(mina_[a-z0-9_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]),
    );
    expect(names.size).toBeGreaterThan(5);
    const missing = [...names].filter((n) => !scrape.includes(`# TYPE ${n} `));
    expect(missing).toEqual([]);
    for (const name of Object.values(SLO_METRICS)) expect(scrape, name).toContain(`# TYPE ${name} `);
  });

  it('has a histogram bucket at each latency threshold (the rules count good events with le="…")', () => {
    for (const slo of SLOS) {
      if (slo.kind !== 'latency') continue;
      const metric = SLO_METRICS[slo.source];
      expect(scrape, `${metric} needs a bucket at le="${slo.thresholdSeconds}"`).toMatch(
        new RegExp(`^${metric}_bucket\\{[^}]*le="${slo.thresholdSeconds}"`, 'm'),
      );
    }
  });
});

describe('ops/nginx/nginx.conf', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mina-nginx-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const conf = readFileSync(join(OPS, 'nginx', 'nginx.conf'), 'utf8');

  it.skipIf(!has('nginx'))(
    'passes nginx -t (compose host names replaced by 127.0.0.1, which resolve here)',
    () => {
      // Test children get sockets, not ttys, as stdio: /dev/stdout cannot be opened there.
      const local = conf
        .replace(/\bapi-\d+:3000\b/g, '127.0.0.1:3000')
        .replace('/dev/stdout', join(dir, 'access.log'));
      writeFileSync(join(dir, 'nginx.conf'), local);
      const r = run('nginx', [
        '-t',
        '-p',
        `${dir}/`,
        '-c',
        join(dir, 'nginx.conf'),
        '-g',
        `pid ${dir}/nginx.pid;`,
      ]);
      expect(r.output).toContain('test is successful');
      expect(r.status, r.output).toBe(0);
    },
  );

  it('balances both apis and upgrades websockets on the Socket.IO path', () => {
    expect(conf).toMatch(/server api-1:3000/);
    expect(conf).toMatch(/server api-2:3000/);
    const socketIo = conf.slice(conf.indexOf('location /socket.io/'));
    expect(socketIo).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(socketIo).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(socketIo).toMatch(/proxy_http_version 1\.1|proxy_read_timeout 1h/);
    expect(conf).toMatch(/proxy_http_version 1\.1;/);
  });
});

describe('ops/docker-compose.yml', () => {
  const compose = readYaml(join(OPS, 'docker-compose.yml'));
  const services = compose.services as Record<string, Doc>;

  it('runs postgres, redis, two apis, a worker and nginx', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'nginx', 'postgres', 'redis', 'worker']);
    for (const [name, s] of Object.entries(services)) {
      expect(s.image ?? s.build, name).toBeDefined();
      expect(
        s.healthcheck ?? s.depends_on,
        `${name} has a healthcheck or waits for healthy ones`,
      ).toBeDefined();
    }
  });

  it('gives Redis what BullMQ and the spool need: noeviction and AOF', () => {
    const command = (services.redis.command as string[]).join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    expect(command).toMatch(/--appendonly yes/);
    expect(services.redis.volumes).toBeDefined();
  });

  it('runs the Mina image in each role against the shared PostgreSQL and Redis', () => {
    const roles = Object.fromEntries(
      ['api-1', 'api-2', 'worker'].map((n) => [n, services[n].environment.MINA_ROLE]),
    );
    expect(roles).toEqual({ 'api-1': 'api', 'api-2': 'api', worker: 'worker' });
    for (const n of ['api-1', 'api-2', 'worker']) {
      const s = services[n];
      expect(s.build.dockerfile).toBe('ops/Dockerfile');
      expect(s.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(s.environment.REDIS_URL).toBe('redis://redis:6379');
      expect(s.environment.NODE_ENV).toBe('production');
      expect(s.depends_on.postgres.condition).toBe('service_healthy');
      expect(s.healthcheck.test.join(' ')).toContain('/health/ready');
      expect(s.read_only).toBe(true);
    }
    expect(services.nginx.volumes).toContain('./nginx/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(Object.keys(services.nginx.depends_on).sort()).toEqual(['api-1', 'api-2']);
  });
});

describe('ops/k8s manifests', () => {
  const dir = join(OPS, 'k8s');
  const kustomization = readYaml(join(dir, 'kustomization.yaml'));
  const docs = (kustomization.resources as string[]).flatMap((f) =>
    readYamlDocs(join(dir, f)).map((d) => ({ file: f, doc: d })),
  );
  const byKind = (kind: string) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);
  const podSpec = (d: Doc): Doc =>
    d.kind === 'CronJob' ? d.spec.jobTemplate.spec.template.spec : d.spec.template.spec;

  it('lists only files that exist, and every document names its apiVersion, kind and metadata.name', () => {
    expect(docs.length).toBeGreaterThanOrEqual(8);
    for (const { file, doc } of [
      ...docs,
      ...readYamlDocs(join(dir, 'secret.example.yaml')).map((doc) => ({ file: 'secret.example.yaml', doc })),
    ]) {
      expect(typeof doc.apiVersion, file).toBe('string');
      expect(typeof doc.kind, file).toBe('string');
      expect(typeof doc.metadata?.name, `${file} ${doc.kind}`).toBe('string');
    }
  });

  it('deploys api and worker with probes, resources, non-root security and their role', () => {
    const deployments = byKind('Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['mina-api', 'mina-worker']);
    for (const d of deployments) {
      expect(d.spec.selector.matchLabels).toEqual(expect.objectContaining(d.spec.template.metadata.labels));
      const role = d.metadata.name === 'mina-api' ? 'api' : 'worker';
      const [c] = podSpec(d).containers as Doc[];
      expect(c.env.find((e: Doc) => e.name === 'MINA_ROLE')?.value, d.metadata.name).toBe(role);
      expect(c.livenessProbe.httpGet.path).toBe('/health/live');
      expect(c.readinessProbe.httpGet.path).toBe('/health/ready');
      expect(c.startupProbe.httpGet.path).toBe('/health/live');
      expect(
        c.resources.requests.cpu && c.resources.requests.memory && c.resources.limits.memory,
      ).toBeTruthy();
      expect(podSpec(d).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(podSpec(d).securityContext.runAsUser).not.toBe(0);
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(podSpec(d).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    }
  });

  it('selects existing pods from Services, the HPA and the PodDisruptionBudget', () => {
    const deployments = byKind('Deployment');
    const matches = (selector: Record<string, string>) =>
      deployments
        .filter((d) => Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v))
        .map((d) => d.metadata.name);
    for (const s of byKind('Service')) expect(matches(s.spec.selector), s.metadata.name).toHaveLength(1);
    const [pdb] = byKind('PodDisruptionBudget');
    expect(matches(pdb.spec.selector.matchLabels)).toEqual(['mina-api']);
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'mina-api' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it('verifies the latest backup daily with the CLI, as non-root with limits', () => {
    const [cron] = byKind('CronJob');
    expect(cron.apiVersion).toBe('batch/v1');
    expect(cron.spec.schedule).toMatch(/^(\S+\s+){4}\S+$/);
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const spec = podSpec(cron);
    expect(spec.restartPolicy).toBe('Never');
    const [c] = spec.containers as Doc[];
    expect(c.command.slice(0, 3)).toEqual(['node', 'dist/src/cli.js', 'verify']);
    expect(existsSync(join(ROOT, 'src/cli.ts'))).toBe(true);
    expect(c.resources.limits.memory).toBeDefined();
    expect(spec.securityContext.runAsNonRoot).toBe(true);
    const claims = (spec.volumes as Doc[]).map((v) => v.persistentVolumeClaim?.claimName).filter(Boolean);
    expect(byKind('PersistentVolumeClaim').map((p) => p.metadata.name)).toEqual(
      expect.arrayContaining(claims),
    );
  });
});

describe('ops/Dockerfile', () => {
  const dockerfile = readFileSync(join(OPS, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('is a multi-stage build on Node 24 that runs as a non-root user with a liveness healthcheck', () => {
    const from = instructions.filter((l) => /^FROM /i.test(l));
    expect(from.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:24[\w.-]*/);
    expect(instructions.some((l) => /^RUN .*npm ci\b/.test(l))).toBe(true);
    expect(instructions.some((l) => /^RUN npm run build\b/.test(l))).toBe(true);
    expect(instructions.some((l) => /--omit=dev/.test(l))).toBe(true);
    const user = instructions.filter((l) => /^USER /i.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(instructions.find((l) => /^HEALTHCHECK /.test(l))).toContain('/health/live');
    expect(instructions.find((l) => /^CMD /.test(l))).toContain('dist/src/main.js');
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
  });
});

describe('ops/runbooks', () => {
  it.each(['openai-outage.md', 'redis-loss.md', 'scaling.md', 'recordings.md'])(
    '%s says what to look at and what to do',
    (file) => {
      const text = readFileSync(join(OPS, 'runbooks', file), 'utf8');
      expect(text).toMatch(/^# /);
      expect(text.length).toBeGreaterThan(1500);
    },
  );
});
