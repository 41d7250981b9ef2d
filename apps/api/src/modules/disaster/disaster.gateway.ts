import { Injectable } from '@nestjs/common';
import { ConnectedSocket, MessageBody } from '@nestjs/websockets';
import type { AuthUser } from '../../core/auth/auth.types';
import {
  NoResourceAccess,
  RingiGateway,
  SocketAccess,
  SocketEvent,
  SocketUser,
} from '../../core/realtime/socket.decorators';
import type { SocketAccessCheck, SocketAckData, SocketPayload } from '../../core/realtime/socket.decorators';
import type { RingiSocket } from '../../core/realtime/socket.types';
import { DisasterService } from './disaster.service';
import { DisasterPolicy } from './disaster.policy';
import { disasterDepartmentRoom, disasterRoom } from './disaster.rooms';
import { DisasterTallyService } from './disaster-tally.service';
import { DisasterRollCallEntity } from './entities/disaster-roll-call.entity';
import { UnitOfWork } from '../../core/database/unit-of-work';

/** Whoever may see someone's answers (administrators; heads of divisions) may watch a roll-call's tally. */
@Injectable()
export class DisasterTallyAccess implements SocketAccessCheck<{ rollCallId: string }> {
  constructor(private readonly disaster: DisasterService) {}

  canAccess(user: AuthUser, payload: { rollCallId: string }): Promise<boolean> {
    return this.disaster.canWatch(user, payload.rollCallId);
  }
}

/**
 * Watching a roll-call's tally live: `disaster:watch` joins the rooms of what the person may see (everyone's,
 * or each department they head and those below it) and answers with the tally as it is now, so nothing is
 * missed between reading it and listening; `disaster:answered` then brings each answer.
 */
@RingiGateway()
export class DisasterGateway {
  constructor(
    private readonly policy: DisasterPolicy,
    private readonly tallies: DisasterTallyService,
    private readonly uow: UnitOfWork,
  ) {}

  @SocketEvent('disaster:watch')
  @SocketAccess(DisasterTallyAccess)
  async watch(
    @SocketUser() user: AuthUser,
    @ConnectedSocket() socket: RingiSocket,
    @MessageBody() payload: SocketPayload<'disaster:watch'>,
  ): Promise<SocketAckData<'disaster:watch'>> {
    const id = payload.rollCallId;
    const scope = await this.policy.requireTallyScope(user);
    await socket.join(
      scope.kind === 'all'
        ? [disasterRoom(id)]
        : scope.departmentIds.map((departmentId) => disasterDepartmentRoom(id, departmentId)),
    );
    const rollCall = await this.uow.manager.findOneByOrFail(DisasterRollCallEntity, { id });
    return { tally: await this.tallies.tally(id, rollCall.closedAt, scope) };
  }

  @SocketEvent('disaster:unwatch')
  @NoResourceAccess('leaving the rooms of a roll-call reveals nothing and grants nothing')
  async unwatch(
    @ConnectedSocket() socket: RingiSocket,
    @MessageBody() payload: SocketPayload<'disaster:unwatch'>,
  ): Promise<SocketAckData<'disaster:unwatch'>> {
    const prefix = disasterRoom(payload.rollCallId);
    await Promise.all(
      [...socket.rooms]
        .filter((room) => room === prefix || room.startsWith(`${prefix}:`))
        .map((room) => socket.leave(room)),
    );
    return {};
  }
}
