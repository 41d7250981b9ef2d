import { Injectable } from '@nestjs/common';

/** Reminders of untouched steps and the daily re-resolving of active steps, on the job queue. Being built. */
@Injectable()
export class ApprovalRemindersService {}
