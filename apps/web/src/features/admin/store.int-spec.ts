import { createPinia, setActivePinia } from 'pinia';
import type { Department } from '@ringi/contracts';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { signedInClient } from '../../../../../tests/support/factories';
import { isApiRequestError } from '../../app/http';
import { flattenTree, useOrgStore } from './store';

const dept = (id: string, parentId: string | null, sortOrder: number): Department => ({
  id,
  parentId,
  code: id,
  name: id,
  nameKana: 'カ',
  kind: parentId ? 'section' : 'division',
  sortOrder,
  active: true,
  staffCount: 0,
  numberPrefix: null,
  state: 'current',
  validFrom: '1900-01-01',
  validTo: null,
});

describe('flattenTree', () => {
  it('lists each department followed by its sections, in sort order, and survives a missing parent', () => {
    const tree = flattenTree([
      dept('b', null, 20),
      dept('b1', 'b', 1),
      dept('a', null, 10),
      dept('orphan', 'gone', 5),
    ]);
    expect(tree.map((n) => `${n.depth}:${n.department.id}`)).toEqual(['0:orphan', '0:a', '0:b', '1:b1']);
  });
});

/**
 * The org store against the real API and database: the browser's same-origin fetch is played by a thin
 * adapter that prefixes the test server's address and carries the admin's session cookie.
 */
describe('useOrgStore (against the API)', () => {
  let t: TestApp;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    t = await startTestApp();
    const { client } = await signedInClient(t, { role: 'admin' });
    globalThis.fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('cookie', client.cookie);
      return realFetch(`${t.url}${String(input)}`, { ...init, headers });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await t.close();
  });
  beforeEach(() => setActivePinia(createPinia()));

  it('creates a division and a section and shows them as a tree', async () => {
    const org = useOrgStore();
    const division = await org.saveDepartment(null, {
      parentId: null,
      code: 'W-DIV',
      name: '防災課',
      nameKana: 'ボウサイカ',
      kind: 'division',
      sortOrder: 1,
    });
    await org.saveDepartment(null, {
      parentId: division.id,
      code: 'W-SEC',
      name: '危機管理係',
      nameKana: 'キキカンリカカリ',
      kind: 'section',
      sortOrder: 1,
    });
    await org.loadDepartments();
    const names = org.departmentTree.map((n) => `${n.depth}:${n.department.name}`);
    expect(names.indexOf('1:危機管理係')).toBe(names.indexOf('0:防災課') + 1);
    expect(org.loadingDepartments).toBe(false);
    expect(org.saving).toBe(false);
  });

  it('passes the API’s coded, Japanese error to the form and clears its saving flag', async () => {
    const org = useOrgStore();
    const attempt = org.saveDepartment(null, {
      parentId: null,
      code: 'W-DIV',
      name: '重複',
      nameKana: 'チョウフク',
      kind: 'division',
      sortOrder: 0,
    });
    const error = await attempt.catch((e: unknown) => e);
    expect(isApiRequestError(error) && error.code).toBe('org/department_code_taken');
    expect(isApiRequestError(error) && error.message).toBe('その所属コードは既に使われています。');
    expect(org.saving).toBe(false);
  });
});
