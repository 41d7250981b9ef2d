import type {
  DisasterAnsweredEvent,
  DisasterCounts,
  DisasterTally,
  DisasterTallyDepartment,
} from '@ringi/contracts';

function recount(people: DisasterTallyDepartment['people']): DisasterCounts {
  const counts: DisasterCounts = { safe: 0, need_help: 0, can_report: 0, unanswered: 0, total: 0 };
  for (const p of people) {
    counts[p.status ?? 'unanswered'] += 1;
    counts.total += 1;
  }
  return counts;
}

function sum(departments: DisasterTallyDepartment[]): DisasterCounts {
  return recount(departments.flatMap((d) => d.people));
}

/**
 * The tally after an answer arrived live (`disaster:answered`): the person's line is replaced (or moved to
 * their department, added when new), and the counts of the departments and of the whole are counted again.
 * Answers of another roll-call leave the tally as it is.
 */
export function applyAnswer(tally: DisasterTally, event: DisasterAnsweredEvent): DisasterTally {
  if (event.rollCallId !== tally.rollCallId) return tally;
  const departments = tally.departments.map((d) => ({
    ...d,
    people: d.people.filter((p) => p.userId !== event.person.userId),
  }));
  let target = departments.find((d) => d.departmentId === event.departmentId);
  if (!target) {
    target = {
      departmentId: event.departmentId,
      departmentName: event.departmentName,
      counts: recount([]),
      people: [],
    };
    if (event.departmentId === null) departments.push(target);
    else {
      const noDepartment = departments.findIndex((d) => d.departmentId === null);
      departments.splice(noDepartment < 0 ? departments.length : noDepartment, 0, target);
    }
  }
  const before = tally.departments
    .find((d) => d.departmentId === event.departmentId)
    ?.people.findIndex((p) => p.userId === event.person.userId);
  if (before !== undefined && before >= 0) target.people.splice(before, 0, event.person);
  else target.people.push(event.person);
  const recounted = departments
    .map((d) => ({ ...d, counts: recount(d.people) }))
    .filter((d) => d.people.length > 0);
  return { ...tally, departments: recounted, counts: sum(recounted) };
}
