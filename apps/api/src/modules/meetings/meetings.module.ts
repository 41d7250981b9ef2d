import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import { MeetingMaterialVersionEntity } from './entities/meeting-material-version.entity';
import { MeetingMaterialEntity } from './entities/meeting-material.entity';
import { MeetingParticipantEntity } from './entities/meeting-participant.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { MeetingAgendaService } from './meeting-agenda.service';
import { MeetingMaterialsService } from './meeting-materials.service';
import { MeetingReadService } from './meeting-read.service';
import { MeetingPolicy } from './meeting.policy';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { MeetingLiveGateway, MeetingSessionAccess } from './meeting-live.gateway';
import { MeetingLiveService } from './meeting-live.service';
import { MeetingPresentationEntity } from './entities/meeting-presentation.entity';
import { MeetingNoteEntity } from './entities/meeting-note.entity';
import { MeetingNotesController } from './meeting-notes.controller';
import { MeetingNotesService } from './meeting-notes.service';
import { MeetingChanges } from './meeting-changes';
import { MeetingsPublisher } from './meetings.publisher';
import { MeetingMinutesEntity } from './entities/meeting-minutes.entity';
import { MeetingDisposalService } from './meeting-disposal.service';
import { MeetingMinutesService } from './meeting-minutes.service';
import { MeetingRecordsController } from './meeting-records.controller';
import { MeetingSearchService } from './meeting-search.service';

/**
 * Meetings (会議, issue 7): meetings, participants (people or whole departments), the agenda, materials and
 * their versions, distribution and the meeting's life. Announces its changes as domain events
 * (meetings.events.ts); the meeting policy is the one place deciding access (also for the material files).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MeetingEntity,
      MeetingParticipantEntity,
      MeetingAgendaItemEntity,
      MeetingMaterialEntity,
      MeetingMaterialVersionEntity,
      MeetingPresentationEntity,
      MeetingNoteEntity,
      MeetingMinutesEntity,
    ]),
  ],
  // MeetingRecordsController first: its `GET meetings/search` must not be taken for `GET meetings/:id`.
  controllers: [MeetingRecordsController, MeetingsController, MeetingNotesController],
  providers: [
    MeetingPolicy,
    MeetingNotesService,
    MeetingChanges,
    MeetingsPublisher,
    MeetingsService,
    MeetingAgendaService,
    MeetingMaterialsService,
    MeetingReadService,
    MeetingLiveService,
    MeetingSessionAccess,
    MeetingLiveGateway,
    MeetingMinutesService,
    MeetingSearchService,
    MeetingDisposalService,
  ],
  exports: [MeetingPolicy],
})
export class MeetingsModule {}
