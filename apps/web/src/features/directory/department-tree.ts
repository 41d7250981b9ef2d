import type { Department } from '@ringi/contracts';

export interface DepartmentNode {
  department: Department;
  depth: number;
}

function byOrder(a: Department, b: Department): number {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}

/** Departments as an indented list: each parent followed by its children, in sort order. */
export function flattenTree(departments: Department[]): DepartmentNode[] {
  const ids = new Set(departments.map((d) => d.id));
  const children = new Map<string | null, Department[]>();
  for (const department of departments) {
    const parent = department.parentId && ids.has(department.parentId) ? department.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), department]);
  }
  const out: DepartmentNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number): void => {
    for (const department of [...(children.get(parent) ?? [])].sort(byOrder)) {
      if (seen.has(department.id)) continue;
      seen.add(department.id);
      out.push({ department, depth });
      walk(department.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
