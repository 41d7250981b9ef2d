import { Injectable } from '@nestjs/common';
import type { MembershipSummary } from '@ringi/contracts';

/** What identity needs from the org chart: a person's assignments in effect on a day. */
export interface MembershipSource {
  inEffect(userId: string, at: string): Promise<MembershipSummary[]>;
}

/**
 * The port through which identity reads the org chart without depending on the org module: identity provides
 * and exports it, the org module plugs its implementation in when it initialises (dependencies point one way,
 * org → identity, with no module cycle and no global module).
 */
@Injectable()
export class MembershipDirectory implements MembershipSource {
  private source: MembershipSource | undefined;

  /** Called once by the module that owns the org chart. */
  register(source: MembershipSource): void {
    this.source = source;
  }

  inEffect(userId: string, at: string): Promise<MembershipSummary[]> {
    if (!this.source) throw new Error('MembershipDirectory: no org module registered a source');
    return this.source.inEffect(userId, at);
  }
}
