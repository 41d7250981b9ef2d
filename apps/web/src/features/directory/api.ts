import type { DepartmentList, DirectoryList, DirectoryQuery } from '@ringi/contracts';
import { http } from '../../app/http';

export const listDirectory = (query: DirectoryQuery) =>
  http.get<DirectoryList>('/api/org/directory', { query: { ...query } });
export const listDepartments = () => http.get<DepartmentList>('/api/org/departments');
