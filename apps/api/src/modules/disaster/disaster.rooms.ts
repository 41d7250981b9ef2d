/** The live rooms of a roll-call's tally: everyone's answers, and those of one department's people. */
export const disasterRoom = (rollCallId: string) => `disaster:${rollCallId}`;
export const disasterDepartmentRoom = (rollCallId: string, departmentId: string) =>
  `disaster:${rollCallId}:department:${departmentId}`;
