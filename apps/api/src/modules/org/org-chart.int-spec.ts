import { addDays, tokyoDate } from '@ringi/domain';
import { UnitOfWork } from '../../core/database/unit-of-work';
import { startTestApp, type TestApp } from '../../../../../tests/support/app';
import { makeDepartment, makePosition, makeUser } from '../../../../../tests/support/factories';
import { OrgChartService } from './org-chart.service';
import { StaffService } from './staff.service';

describe('org chart on a day (OrgChartService)', () => {
  let t: TestApp;
  let chart: OrgChartService;
  beforeAll(async () => {
    t = await startTestApp();
    chart = t.app.get(OrgChartService);
  });
  afterAll(() => t.close());

  it('climbs the departments above one, finds who holds each position (兼務 too), and follows a transfer entered ahead', async () => {
    const today = tokyoDate();
    const nextMonth = addDays(today, 30);
    const division = await makeDepartment(t, { name: '総務課', kind: 'division' });
    const section = await makeDepartment(t, { name: '総務係', kind: 'section', parentId: division.id });
    const other = await makeDepartment(t, { name: '財政課', kind: 'division' });
    const chief = await makePosition(t, { name: '課長', rank: 5 });
    const leader = await makePosition(t, { name: '係長', rank: 7 });
    const clerk = await makePosition(t, { name: '主事', rank: 10 });

    const drafter = await makeUser(t, { department: section, position: clerk });
    const sectionLeader = await makeUser(t, { department: section, position: leader });
    const divisionChief = await makeUser(t, { department: other, position: chief });
    // The finance chief also holds the general affairs chief's post (兼務) …
    await t.app.get(UnitOfWork).run(({ em }) =>
      t.app.get(StaffService).insertMembership(em, divisionChief.id, {
        departmentId: division.id,
        positionId: chief.id,
        isPrimary: false,
        validFrom: today,
        validTo: null,
      }),
    );
    // … and next month a new section leader arrives (a transfer entered ahead: the old one leaves the post).
    const successor = await makeUser(t, { department: other, position: clerk });
    await t.app.get(UnitOfWork).run(({ em }) =>
      t.app.get(StaffService).insertMembership(em, successor.id, {
        departmentId: section.id,
        positionId: leader.id,
        isPrimary: true,
        validFrom: nextMonth,
        validTo: null,
      }),
    );
    await t.dataSource.query(`UPDATE membership SET valid_to = $2 WHERE user_id = $1`, [
      sectionLeader.id,
      addDays(nextMonth, -1),
    ]);

    expect((await chart.departmentChain(section.id, today)).map((d) => d.name)).toEqual(['総務係', '総務課']);
    expect(await chart.holdersOf(leader.id, section.id, today)).toEqual([sectionLeader.id]);
    expect(await chart.holdersOf(leader.id, section.id, nextMonth)).toEqual([successor.id]);
    expect(await chart.holdersOf(chief.id, division.id, today)).toEqual([divisionChief.id]);
    expect((await chart.headOf(division.id, today))?.holders).toEqual([divisionChief.id]);

    const links = await chart.chainWithPositions(section.id, today);
    expect(links.map((l) => [l.name, l.positions.map((p) => [p.name, p.holders.length])])).toEqual([
      [
        '総務係',
        [
          ['係長', 1],
          ['主事', 1],
        ],
      ],
      ['総務課', [['課長', 1]]],
    ]);
    expect(await chart.primaryDepartmentOf(drafter.id, today)).toBe(section.id);
    expect(await chart.primaryDepartmentOf(successor.id, nextMonth)).toBe(section.id);
  });

  it('leaves out deactivated people', async () => {
    const department = await makeDepartment(t);
    const position = await makePosition(t, { rank: 6 });
    const gone = await makeUser(t, { department, position });
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [gone.id]);
    expect(await chart.holdersOf(position.id, department.id, tokyoDate())).toEqual([]);
    expect(await chart.headOf(department.id, tokyoDate())).toBeNull();
  });
});
