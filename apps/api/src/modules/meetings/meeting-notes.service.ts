import { Injectable } from '@nestjs/common';
import type { CreateNoteRequest, MeetingNote, NoteBody, UpdateNoteRequest } from '@ringi/contracts';
import type { AuthUser } from '../../core/auth/auth.types';
import { UnitOfWork, type Tx } from '../../core/database/unit-of-work';
import { AppException } from '../../core/errors/app.exception';
import { FilesService } from '../../core/files/files.service';
import { MeetingAgendaItemEntity } from './entities/meeting-agenda-item.entity';
import { MeetingMaterialVersionEntity } from './entities/meeting-material-version.entity';
import { MeetingMaterialEntity } from './entities/meeting-material.entity';
import { MeetingNoteEntity } from './entities/meeting-note.entity';
import { MeetingEntity } from './entities/meeting.entity';
import { MeetingPolicy } from './meeting.policy';
import { relocate } from './note-anchoring';

/** Reads a stored note body of any version (only version 1 exists so far) as today's shape. */
export function upgradeNoteBody(stored: NoteBody): NoteBody {
  return stored;
}

export function toNote(n: MeetingNoteEntity): MeetingNote {
  return {
    id: n.id,
    materialId: n.materialId,
    versionId: n.versionId,
    page: n.page,
    body: upgradeNoteBody(n.body),
    anchor: n.anchor,
    pageChanged: n.pageChanged,
    movedAt: n.movedAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

/**
 * Private notes (個人メモ) on the pages of meeting materials. Every query is by the signed-in author: nobody else
 * (administrators included) can list, read, change, export or even learn of another person's notes, and a note
 * of someone else answers the same 404 as one that does not exist. Writing needs a meeting the person may see
 * (closed ones too: notes are for re-reading), on the current version of the material.
 *
 * When a material is replaced, `moveToVersion` (in the replacing transaction) moves everyone's notes to the
 * matching pages of the new version by their text anchors and marks those whose page changed.
 */
@Injectable()
export class MeetingNotesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: MeetingPolicy,
    private readonly files: FilesService,
  ) {}

  async list(user: AuthUser, meetingId: string, materialId: string): Promise<MeetingNote[]> {
    return this.uow.run(async (tx) => {
      await this.visibleMaterial(tx, user, meetingId, materialId);
      const notes = await tx.em.find(MeetingNoteEntity, {
        where: { authorId: user.id, materialId },
        order: { page: 'ASC', createdAt: 'ASC' },
      });
      return notes.map(toNote);
    });
  }

  async create(
    user: AuthUser,
    meetingId: string,
    materialId: string,
    req: CreateNoteRequest,
  ): Promise<MeetingNote> {
    return this.uow.run(async (tx) => {
      await this.visibleMaterial(tx, user, meetingId, materialId);
      if (req.id) {
        const again = await tx.em.findOneBy(MeetingNoteEntity, { id: req.id });
        if (again?.authorId === user.id && again.materialId === materialId) return toNote(again);
        if (again) throw new AppException('meeting/note_not_found');
      }
      // Shared lock on the version: a replacement waits for this note, then moves it with the others.
      const [version] = await tx.em
        .createQueryBuilder(MeetingMaterialVersionEntity, 'v')
        .setLock('pessimistic_read')
        .where('v.id = :id AND v.material_id = :materialId', { id: req.versionId, materialId })
        .getMany();
      if (!version) throw new AppException('meeting/material_not_found');
      if (version.supersededAt) throw new AppException('meeting/note_version_superseded');
      if (version.pageCount !== null && req.page > version.pageCount)
        throw new AppException('meeting/note_page_out_of_range');
      const note = await tx.em.save(
        tx.em.create(MeetingNoteEntity, {
          ...(req.id ? { id: req.id } : {}),
          meetingId,
          materialId,
          versionId: version.id,
          authorId: user.id,
          page: req.page,
          kind: req.body.kind,
          body: req.body,
          anchor: req.anchor,
          pageChanged: false,
          movedAt: null,
        }),
      );
      return toNote(await tx.em.findOneByOrFail(MeetingNoteEntity, { id: note.id }));
    });
  }

  async update(
    user: AuthUser,
    meetingId: string,
    noteId: string,
    req: UpdateNoteRequest,
  ): Promise<MeetingNote> {
    return this.uow.run(async (tx) => {
      const note = await this.own(tx, user, meetingId, noteId);
      if (req.body) {
        note.body = req.body;
        note.kind = req.body.kind;
      }
      if (req.acknowledgeChange) note.pageChanged = false;
      note.updatedAt = new Date();
      await tx.em.save(note);
      return toNote(note);
    });
  }

  async remove(user: AuthUser, meetingId: string, noteId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const note = await this.own(tx, user, meetingId, noteId);
      await tx.em.delete(MeetingNoteEntity, { id: note.id });
    });
  }

  /** The person's notes of the material and the file of the version they are on (for the export). */
  async forExport(
    user: AuthUser,
    meetingId: string,
    materialId: string,
  ): Promise<{ title: string; fileId: string; notes: MeetingNote[] }> {
    return this.uow.run(async (tx) => {
      const material = await this.visibleMaterial(tx, user, meetingId, materialId);
      const current = await tx.em.findOne(MeetingMaterialVersionEntity, {
        where: { materialId },
        order: { version: 'DESC' },
      });
      const notes = current
        ? await tx.em.find(MeetingNoteEntity, {
            where: { authorId: user.id, materialId, versionId: current.id },
            order: { page: 'ASC', createdAt: 'ASC' },
          })
        : [];
      if (!current || notes.length === 0) throw new AppException('meeting/no_notes_to_export');
      return { title: material.title, fileId: current.storedFileId, notes: notes.map(toNote) };
    });
  }

  /**
   * Moves every note on `from` (everyone's) to the matching page of `to`, in the replacing transaction: each by
   * its text anchor, found again approximately in the new version's page texts; `page_changed` is set where the
   * page's content is not what it was.
   */
  async moveToVersion(
    tx: Tx,
    from: MeetingMaterialVersionEntity,
    to: MeetingMaterialVersionEntity & { storedFileId: string },
  ): Promise<number> {
    const notes = await tx.em.find(MeetingNoteEntity, { where: { versionId: from.id } });
    if (notes.length === 0) return 0;
    const [oldPages, newPages] = await Promise.all([
      this.files.pdfTexts(from.storedFileId, tx.em),
      this.files.pdfTexts(to.storedFileId, tx.em),
    ]);
    const now = new Date();
    for (const note of notes) {
      const moved = relocate(oldPages, newPages, note.page, note.anchor);
      await tx.em.update(
        MeetingNoteEntity,
        { id: note.id },
        {
          versionId: to.id,
          page: moved.page,
          anchor: moved.anchor,
          pageChanged: note.pageChanged || moved.changed,
          movedAt: now,
        },
      );
    }
    return notes.length;
  }

  private async visibleMaterial(
    tx: Tx,
    user: AuthUser,
    meetingId: string,
    materialId: string,
  ): Promise<MeetingMaterialEntity> {
    await this.policy.requireVisible(user, await tx.em.findOneBy(MeetingEntity, { id: meetingId }));
    const material = await tx.em.findOneBy(MeetingMaterialEntity, { id: materialId });
    const item =
      material && (await tx.em.findOneBy(MeetingAgendaItemEntity, { id: material.agendaItemId, meetingId }));
    if (!material || !item) throw new AppException('meeting/material_not_found');
    return material;
  }

  /** One's own note of a meeting one may see; anyone else's is "not found". */
  private async own(tx: Tx, user: AuthUser, meetingId: string, noteId: string): Promise<MeetingNoteEntity> {
    await this.policy.requireVisible(user, await tx.em.findOneBy(MeetingEntity, { id: meetingId }));
    const note = await tx.em.findOneBy(MeetingNoteEntity, { id: noteId, meetingId, authorId: user.id });
    if (!note) throw new AppException('meeting/note_not_found');
    return note;
  }
}
