import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import {
  CreateDepartmentDto,
  CreatePositionDto,
  DepartmentDto,
  DepartmentListDto,
  IdParamDto,
  PositionDto,
  PositionListDto,
  UpdateDepartmentDto,
  UpdatePositionDto,
} from './org.dto';
import { OrgStructureService } from './org-structure.service';

/** Departments and positions: everyone reads them, administrators change them. */
@Controller('org')
export class OrgController {
  constructor(private readonly org: OrgStructureService) {}

  @Get('departments')
  @ZodResponse({ status: 200, type: DepartmentListDto })
  async departments() {
    return { items: await this.org.departments() };
  }

  @AdminOnly()
  @Post('departments')
  @ZodResponse({ status: 201, type: DepartmentDto })
  createDepartment(@CurrentUser() user: AuthUser, @Body() body: CreateDepartmentDto) {
    return this.org.createDepartment(user, body);
  }

  @AdminOnly()
  @Patch('departments/:id')
  @ZodResponse({ status: 200, type: DepartmentDto })
  updateDepartment(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateDepartmentDto,
  ) {
    return this.org.updateDepartment(user, id, body);
  }

  @Get('positions')
  @ZodResponse({ status: 200, type: PositionListDto })
  async positions() {
    return { items: await this.org.positions() };
  }

  @AdminOnly()
  @Post('positions')
  @ZodResponse({ status: 201, type: PositionDto })
  createPosition(@CurrentUser() user: AuthUser, @Body() body: CreatePositionDto) {
    return this.org.createPosition(user, body);
  }

  @AdminOnly()
  @Patch('positions/:id')
  @ZodResponse({ status: 200, type: PositionDto })
  updatePosition(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdatePositionDto,
  ) {
    return this.org.updatePosition(user, id, body);
  }
}
