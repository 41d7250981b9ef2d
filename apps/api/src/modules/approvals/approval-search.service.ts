import { Injectable } from '@nestjs/common';

/** Search of approval documents by number, 件名, drafter, department, template, status, 取引先, dates, amount. Being built. */
@Injectable()
export class ApprovalSearchService {}
