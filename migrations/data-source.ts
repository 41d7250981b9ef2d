import { DataSource, type DataSourceOptions } from 'typeorm';
import { Foundation1795344309196 } from './1795344309196-Foundation';
import { DepartmentVersionsAndDeputies1795384550611 } from './1795384550611-DepartmentVersionsAndDeputies';
import { Approvals1795384604706 } from './1795384604706-Approvals';
import { Notifications1795384783020 } from './1795384783020-Notifications';
import { ApprovalAuthorityFollowsPositions1795386382760 } from './1795386382760-ApprovalAuthorityFollowsPositions';
import { ApprovalAttachmentsAndSealedDocuments1795390000000 } from './1795390000000-ApprovalAttachmentsAndSealedDocuments';
import { ApprovalSearchIndexes1795400000000 } from './1795400000000-ApprovalSearchIndexes';
import { ApprovalInboxCountIndexes1795410000000 } from './1795410000000-ApprovalInboxCountIndexes';
import { StoredFilePdfInfo1795420000000 } from './1795420000000-StoredFilePdfInfo';
import { Meetings1795430000000 } from './1795430000000-Meetings';
import { MeetingPresentation1795440000000 } from './1795440000000-MeetingPresentation';
import { MeetingNotes1795450000000 } from './1795450000000-MeetingNotes';
import { MeetingRecords1795460000000 } from './1795460000000-MeetingRecords';
import { MeetingSearchText1795470000000 } from './1795470000000-MeetingSearchText';
import { Chat1795480000000 } from './1795480000000-Chat';
import { DisasterRollCalls1795490000000 } from './1795490000000-DisasterRollCalls';
import { AttendancePunches1795500000000 } from './1795500000000-AttendancePunches';
import { LeaveRequests1795510000000 } from './1795510000000-LeaveRequests';
import { OvertimeRequests1795520000000 } from './1795520000000-OvertimeRequests';
import { AttendanceTimesheets1795530000000 } from './1795530000000-AttendanceTimesheets';
import { PunchCorrections1795540000000 } from './1795540000000-PunchCorrections';
import { LeaveDeputies1795550000000 } from './1795550000000-LeaveDeputies';
import { AttendanceSettings1795560000000 } from './1795560000000-AttendanceSettings';
import { SpecialLeave1795570000000 } from './1795570000000-SpecialLeave';
import { RecordsManagement1795580000000 } from './1795580000000-RecordsManagement';
import { RecordsBinderDueNotice1795580000100 } from './1795580000100-RecordsBinderDueNotice';

/** Every migration, in order. Listed explicitly so the compiled app and the tests find the same set. */
export const MIGRATIONS = [
  Foundation1795344309196,
  DepartmentVersionsAndDeputies1795384550611,
  Approvals1795384604706,
  Notifications1795384783020,
  ApprovalAuthorityFollowsPositions1795386382760,
  ApprovalAttachmentsAndSealedDocuments1795390000000,
  ApprovalSearchIndexes1795400000000,
  ApprovalInboxCountIndexes1795410000000,
  StoredFilePdfInfo1795420000000,
  Meetings1795430000000,
  MeetingPresentation1795440000000,
  MeetingNotes1795450000000,
  MeetingRecords1795460000000,
  MeetingSearchText1795470000000,
  Chat1795480000000,
  DisasterRollCalls1795490000000,
  AttendancePunches1795500000000,
  LeaveRequests1795510000000,
  OvertimeRequests1795520000000,
  AttendanceTimesheets1795530000000,
  PunchCorrections1795540000000,
  LeaveDeputies1795550000000,
  AttendanceSettings1795560000000,
  SpecialLeave1795570000000,
  RecordsManagement1795580000000,
  RecordsBinderDueNotice1795580000100,
];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    extra: { max: 20, application_name: 'ringi' },
  };
}

/** For the TypeORM CLI. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/ringi'));
