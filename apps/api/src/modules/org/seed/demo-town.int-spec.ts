import { addDays, fiscalYearOf, tokyoDate } from '@ringi/domain';
import { startTestApp, type TestApp } from '../../../../../../tests/support/app';
import { OrgChartService } from '../org-chart.service';
import { DemoTownSeeder } from './demo-town.seeder';

describe('the demo town seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives the divisions document-number prefixes and enters a rename for next April 1, and re-seeds cleanly', async () => {
    const seeder = t.app.get(DemoTownSeeder);
    await seeder.reset();
    await seeder.reset(); // department versions and deputies go with what they belong to
    const chart = t.app.get(OrgChartService);
    const today = tokyoDate();
    const nextApril = `${fiscalYearOf(today) + 1}-04-01`;
    const [soumu]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM department WHERE code = 'SOUMU'`,
    );
    const [kosodate]: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM department WHERE code = 'KOSODATE'`,
    );
    expect(await chart.departmentOn(soumu.id, today)).toMatchObject({ name: '総務課', numberPrefix: '総務' });
    expect(await chart.departmentOn(kosodate.id, addDays(nextApril, -1))).toMatchObject({
      name: '子育て支援課',
      numberPrefix: '子支',
    });
    expect(await chart.departmentOn(kosodate.id, nextApril)).toMatchObject({
      name: 'こども家庭課',
      numberPrefix: 'こども',
    });
  });
});
