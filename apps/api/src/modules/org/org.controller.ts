import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import type { Department, DepartmentList, Position, PositionList } from '@ringi/contracts';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import {
  CreateDepartmentDto,
  CreatePositionDto,
  IdParamDto,
  UpdateDepartmentDto,
  UpdatePositionDto,
} from './org.dto';
import { OrgStructureService } from './org-structure.service';

@Controller('org')
export class OrgController {
  constructor(private readonly org: OrgStructureService) {}

  @Get('departments')
  async departments(): Promise<DepartmentList> {
    return { items: await this.org.departments() };
  }

  @AdminOnly()
  @Post('departments')
  createDepartment(@CurrentUser() user: AuthUser, @Body() body: CreateDepartmentDto): Promise<Department> {
    return this.org.createDepartment(user, body);
  }

  @AdminOnly()
  @Patch('departments/:id')
  updateDepartment(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateDepartmentDto,
  ): Promise<Department> {
    return this.org.updateDepartment(user, id, body);
  }

  @Get('positions')
  async positions(): Promise<PositionList> {
    return { items: await this.org.positions() };
  }

  @AdminOnly()
  @Post('positions')
  createPosition(@CurrentUser() user: AuthUser, @Body() body: CreatePositionDto): Promise<Position> {
    return this.org.createPosition(user, body);
  }

  @AdminOnly()
  @Patch('positions/:id')
  updatePosition(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdatePositionDto,
  ): Promise<Position> {
    return this.org.updatePosition(user, id, body);
  }
}
