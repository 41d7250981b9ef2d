import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { MembershipDirectory } from '../identity/membership-directory';
import { DepartmentEntity } from './entities/department.entity';
import { MembershipEntity } from './entities/membership.entity';
import { PositionEntity } from './entities/position.entity';
import { OrgStructureService } from './org-structure.service';
import { OrgController } from './org.controller';
import { DemoTownSeeder } from './seed/demo-town.seeder';
import { StaffImportService } from './staff-import.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/**
 * Departments, positions, effective-dated memberships, staff administration, CSV import and the demo seed.
 * Global only to provide `MembershipDirectory` to identity without a module cycle.
 */
@Global()
@Module({
  imports: [IdentityModule, TypeOrmModule.forFeature([DepartmentEntity, PositionEntity, MembershipEntity])],
  controllers: [OrgController, StaffController],
  providers: [
    OrgStructureService,
    StaffService,
    StaffImportService,
    DemoTownSeeder,
    { provide: MembershipDirectory, useExisting: StaffService },
  ],
  exports: [MembershipDirectory, StaffService, DemoTownSeeder],
})
export class OrgModule {}
