import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { DisasterController } from './disaster.controller';
import { DisasterGateway, DisasterTallyAccess } from './disaster.gateway';
import { DisasterPolicy } from './disaster.policy';
import { DisasterPublisher } from './disaster.publisher';
import { DisasterService } from './disaster.service';
import { DisasterTallyService } from './disaster-tally.service';
import { DisasterRollCallAnswerEntity } from './entities/disaster-roll-call-answer.entity';
import { DisasterRollCallEntity } from './entities/disaster-roll-call.entity';

/**
 * 災害モード (issue 8): all-staff roll-calls (安否確認) with a live tally by department. Announces a started
 * roll-call as the domain event `disaster.roll_call_started` (disaster.events.ts) for other features (the chat
 * posts it to the all-staff channel) without depending on them.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([DisasterRollCallEntity, DisasterRollCallAnswerEntity]),
    NotificationsModule,
  ],
  controllers: [DisasterController],
  providers: [
    DisasterPolicy,
    DisasterTallyService,
    DisasterService,
    DisasterPublisher,
    DisasterTallyAccess,
    DisasterGateway,
  ],
})
export class DisasterModule {}
