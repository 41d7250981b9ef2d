import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit for sign-in, counted per address *and* staff number: many town-hall PCs (VDI, thin clients) share
 * one address, so a per-address limit alone would lock a whole office out at 8:30 in the morning.
 * The per-account lockout in the database is the second line.
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { staffNumber?: unknown } | undefined;
    const staffNumber = typeof body?.staffNumber === 'string' ? body.staffNumber.slice(0, 20) : '';
    return `${String(req.ip)}|${staffNumber}`;
  }
}
