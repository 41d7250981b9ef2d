import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { MembershipDirectory } from '../identity/membership-directory';
import { DepartmentEntity } from './entities/department.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PositionEntity } from './entities/position.entity';
import { DepartmentVersionEntity } from './entities/department-version.entity';
import { DeputyEntity } from './entities/deputy.entity';
import { DepartmentHistoryController } from './department-history.controller';
import { DepartmentHistoryService } from './department-history.service';
import { DeputiesController, OwnDeputiesController } from './deputies.controller';
import { DeputiesService } from './deputies.service';
import { OrgChartService } from './org-chart.service';
import { OrgStructureService } from './org-structure.service';
import { OrgController } from './org.controller';
import { DemoTownSeeder } from './seed/demo-town.seeder';
import { DirectoryController } from './directory.controller';
import { StaffImportService } from './staff-import.service';
import { StaffReadService } from './staff-read.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/**
 * Departments, positions, effective-dated memberships, staff administration, the staff directory, CSV import
 * and the demo seed. Depends on identity (accounts through `UsersService`) and answers identity's questions
 * about the org chart by registering itself as the source of identity's `MembershipDirectory` port.
 */
@Module({
  imports: [
    IdentityModule,
    TypeOrmModule.forFeature([
      DepartmentEntity,
      DepartmentVersionEntity,
      PositionEntity,
      MembershipEntity,
      DeputyEntity,
    ]),
  ],
  controllers: [
    OrgController,
    DepartmentHistoryController,
    DeputiesController,
    OwnDeputiesController,
    StaffController,
    DirectoryController,
  ],
  providers: [
    OrgChartService,
    OrgStructureService,
    DepartmentHistoryService,
    DeputiesService,
    StaffReadService,
    StaffService,
    StaffImportService,
    DemoTownSeeder,
  ],
  exports: [OrgChartService, DeputiesService, StaffService, DemoTownSeeder],
})
export class OrgModule implements OnModuleInit {
  constructor(
    private readonly directory: MembershipDirectory,
    private readonly staff: StaffReadService,
  ) {}

  onModuleInit(): void {
    this.directory.register(this.staff);
  }
}
