import { Controller, Get, Query } from '@nestjs/common';
import { ZodResponse } from 'nestjs-zod';
import { DirectoryListDto, DirectoryQueryDto } from './org.dto';
import { StaffReadService } from './staff-read.service';

/** The staff directory (職員名簿) for every signed-in member of staff. */
@Controller('org')
export class DirectoryController {
  constructor(private readonly staff: StaffReadService) {}

  @Get('directory')
  @ZodResponse({ status: 200, type: DirectoryListDto })
  directory(@Query() query: DirectoryQueryDto) {
    return this.staff.directory(query);
  }
}
