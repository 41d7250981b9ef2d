import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { apiErrorSchema } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { makeDepartment, makePosition, signedInClient, TEST_PASSWORD } from '../support/factories';
import { fingerprinter } from '../support/fingerprint';
import { endsSessions, isWrite, requestsFor, truncate, type FuzzRequest, type Who } from '../support/fuzz';
import { TestClient, type TestResponse } from '../support/http';
import {
  operationsOf,
  resolve,
  SchemaValidator,
  type OpenApiDocument,
  type Operation,
} from '../support/openapi';

/**
 * Property-based test over EVERY operation of the OpenAPI document (read at run time, so operations added later
 * are covered without more work): malformed, oversized, wrongly typed and hostile requests, sent as an
 * administrator, as plain staff and without a session, must never get a 5xx, must get every error in the one
 * documented shape, and must change no data. Requests to operations that change data are invalid by
 * construction. Deterministic: FUZZ_SEED (default below) and FUZZ_RUNS (runs per operation) can be set to
 * replay or widen a run; a failure prints the seed, the operation and the request. FUZZ_STATS=1 prints how
 * often each operation answered what.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260405);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

function seedFor(name: string): number {
  let h = SEED | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let validator: SchemaValidator;
  const clients = {} as Record<Who, TestClient>;
  const logins = {} as Record<'admin' | 'staff', string>;
  let knownIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedInClient(t, { role: 'admin' });
    const staff = await signedInClient(t);
    clients.admin = admin.client;
    clients.staff = staff.client;
    clients.anonymous = t.client();
    logins.admin = admin.user.staffNumber;
    logins.staff = staff.user.staffNumber;
    await makeDepartment(t);
    await makePosition(t);
    const form = new FormData();
    const png = await readFile(join(__dirname, '../fixtures/photo.png'));
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
    expect((await clients.staff.request('PUT', '/api/me/photo', { body: form })).status).toBe(200);
    // Ids that exist, from every table with a uuid id (what is read, not changed, may use them).
    const tables: { table_name: string }[] = await t.dataSource.query(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid'`,
    );
    for (const { table_name } of tables) {
      const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM "${table_name}" LIMIT 3`);
      knownIds.push(...rows.map((r) => r.id));
    }
    knownIds = [...new Set(knownIds)];
    doc = (await clients.anonymous.get<OpenApiDocument>('/api/docs-json')).body;
    validator = new SchemaValidator(doc);
  });
  afterAll(() => t.close());

  /** Sends one generated request the way a hostile client would. */
  async function send(req: FuzzRequest): Promise<TestResponse> {
    const client = clients[req.who];
    const headers: Record<string, string> = {};
    let body: RequestInit['body'];
    if (req.body?.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body.value);
    } else if (req.body?.kind === 'raw') {
      Object.assign(headers, req.body.raw.headers);
      body = req.body.raw.data;
    } else if (req.body?.kind === 'multipart') {
      const form = new FormData();
      const { field, filename, bytes, extraFields } = req.body.form;
      for (const [k, v] of extraFields) form.append(k, v);
      form.append(field, new Blob([new Uint8Array(bytes)], { type: 'image/png' }), filename);
      body = form;
    }
    return client.request(req.method.toUpperCase(), req.url, { body, headers, csrf: req.csrf });
  }

  /** Administrator and staff keep their sessions through the run (signed in again if an answer ended one). */
  async function keepSignedIn(): Promise<void> {
    for (const who of ['admin', 'staff'] as const) {
      if ((await clients[who].get('/api/me')).status === 200) continue;
      clients[who] = t.client();
      await clients[who].signIn(logins[who], TEST_PASSWORD);
    }
  }

  /** What is wrong with an answer, if anything. */
  function checkAnswer(op: Operation, res: TestResponse): string | undefined {
    if (res.status >= 500) return `answered ${res.status}: ${truncate(res.text, 300)}`;
    if (isWrite(op) && res.status < 400) return `accepted an invalid change with ${res.status}`;
    const json = res.headers.get('content-type')?.startsWith('application/json');
    if (res.status >= 400) {
      if (!json) return `error ${res.status} is not JSON: ${truncate(res.text)}`;
      const parsed = apiErrorSchema.safeParse(res.body);
      if (!parsed.success || !parsed.data.message.trim())
        return `error ${res.status} is not the documented error shape: ${truncate(res.text)}`;
      const documented = op.operation.responses[String(res.status)];
      if (!documented) return `error ${res.status} (${parsed.data.code}) is not documented for ${op.name}`;
      return undefined;
    }
    const documented = op.operation.responses[String(res.status)];
    if (!documented) return `status ${res.status} is not documented for ${op.name}`;
    const schema = resolve(doc, documented.content?.['application/json']?.schema);
    if (json && schema) {
      const problem = validator.problem(schema, res.body);
      if (problem) return `answer ${res.status} does not match its documented schema: ${problem}`;
    }
    return undefined;
  }

  it('never answers 5xx, answers errors in the documented shape, and changes no data', async () => {
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(30);
    const dataFingerprint = await fingerprinter(t.dataSource);
    let fingerprint = await dataFingerprint();
    const failures: string[] = [];
    /** How often each operation answered what (printed with FUZZ_STATS=1, to see how deep the requests get). */
    const answers: Record<string, number> = {};
    for (const op of operations) {
      const seed = seedFor(op.name);
      const arbitrary = requestsFor(doc, op, {
        knownIds,
        validator,
        // Operations that end sessions are never sent with the administrator's session.
        mayUse: (who) => !(who === 'admin' && endsSessions(op)),
      });
      const property = fc.asyncProperty(arbitrary, async (req) => {
        const res = await send(req);
        const key = `${op.name} ${res.status} ${(res.body as { code?: string } | undefined)?.code ?? ''}`;
        answers[key] = (answers[key] ?? 0) + 1;
        const problem = checkAnswer(op, res);
        if (problem) throw new Error(problem);
        // A change is caught at the request for operations that write; reads are checked once after all their
        // requests below (a fingerprint per request was most of this test's time).
        if (!isWrite(op)) return;
        const after = await dataFingerprint();
        const changed = Object.keys(after).filter((table) => after[table] !== fingerprint[table]);
        fingerprint = after;
        if (changed.length) throw new Error(`changed data in ${changed.join(', ')} (answered ${res.status})`);
      });
      const details = await fc.check(property, { seed, numRuns: RUNS, endOnFailure: true });
      if (details.failed) {
        failures.push(
          `${op.name} (FUZZ_SEED=${SEED}, seed ${seed}, path ${details.counterexamplePath}): ` +
            `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
            `  request: ${details.counterexample ? fc.stringify(details.counterexample[0]) : '?'}`,
        );
      }
      if (!isWrite(op)) {
        const after = await dataFingerprint();
        const changed = Object.keys(after).filter((table) => after[table] !== fingerprint[table]);
        fingerprint = after;
        if (changed.length)
          failures.push(`${op.name} (a read, FUZZ_SEED=${SEED}) changed data in ${changed.join(', ')}`);
      }
      await keepSignedIn();
    }
    if (process.env.FUZZ_STATS) {
      const lines = Object.entries(answers).map(([answer, n]) => `${answer}: ${n}`);
      console.log(lines.sort().join('\n'));
    }
    expect(failures).toEqual([]);
    // Every operation of the document, 40 runs each: about four minutes alone on 2 cores, more beside other files.
  }, 1_200_000);
});
