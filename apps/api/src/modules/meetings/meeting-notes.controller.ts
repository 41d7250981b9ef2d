import { readFile } from 'node:fs/promises';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../core/auth/auth.decorators';
import type { AuthUser } from '../../core/auth/auth.types';
import { ApiErrors } from '../../core/errors/api-errors.decorator';
import { localeFromHeader } from '../../core/errors/request-locale';
import { FilesService } from '../../core/files/files.service';
import { contentDisposition } from '../../core/http/content-disposition';
import { exportFontBytes } from '../../core/pdf/japanese-font';
import { MeetingNotesService } from './meeting-notes.service';
import { renderNotesPdf } from './meeting-notes.pdf';
import {
  CreateNoteDto,
  MeetingMaterialParamDto,
  MeetingNoteDto,
  MeetingNoteListDto,
  MeetingNoteParamDto,
  UpdateNoteDto,
} from './meetings.dto';

/**
 * Private notes (個人メモ) on meeting materials: every endpoint works on the signed-in person's own notes only.
 * Someone who may not see the meeting gets 404 for everything; another person's note is "not found".
 */
@Controller('meetings')
export class MeetingNotesController {
  constructor(
    private readonly notes: MeetingNotesService,
    private readonly files: FilesService,
  ) {}

  /** My notes on this material (on whichever version they are now; the current one after a replacement). */
  @Get(':id/materials/:materialId/notes')
  @ZodResponse({ status: 200, type: MeetingNoteListDto })
  @ApiErrors('meeting/not_found', 'meeting/material_not_found')
  async list(@CurrentUser() user: AuthUser, @Param() { id, materialId }: MeetingMaterialParamDto) {
    return { items: await this.notes.list(user, id, materialId) };
  }

  /** A new note on a page of the current version; sending the same `id` again returns the note already saved. */
  @Post(':id/materials/:materialId/notes')
  @ZodResponse({ status: 201, type: MeetingNoteDto })
  @ApiErrors(
    'meeting/not_found',
    'meeting/material_not_found',
    'meeting/note_not_found',
    'meeting/note_version_superseded',
    'meeting/note_page_out_of_range',
  )
  create(
    @CurrentUser() user: AuthUser,
    @Param() { id, materialId }: MeetingMaterialParamDto,
    @Body() body: CreateNoteDto,
  ) {
    return this.notes.create(user, id, materialId, body);
  }

  @Patch(':id/notes/:noteId')
  @ZodResponse({ status: 200, type: MeetingNoteDto })
  @ApiErrors('meeting/not_found', 'meeting/note_not_found')
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id, noteId }: MeetingNoteParamDto,
    @Body() body: UpdateNoteDto,
  ) {
    return this.notes.update(user, id, noteId, body);
  }

  @Delete(':id/notes/:noteId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The note is deleted.' })
  @ApiErrors('meeting/not_found', 'meeting/note_not_found')
  async remove(@CurrentUser() user: AuthUser, @Param() { id, noteId }: MeetingNoteParamDto): Promise<void> {
    await this.notes.remove(user, id, noteId);
  }

  /** My notes drawn on the pages of the material's current version that carry them, as a PDF download. */
  @Get(':id/materials/:materialId/notes/export.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The pages of the current version that carry my notes, with the notes drawn on them.',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors('meeting/not_found', 'meeting/material_not_found', 'meeting/no_notes_to_export')
  async export(
    @CurrentUser() user: AuthUser,
    @Param() { id, materialId }: MeetingMaterialParamDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { title, fileId, notes } = await this.notes.forExport(user, id, materialId);
    const file = await this.files.getForRead(user, fileId);
    const ja = localeFromHeader(req.headers['accept-language']) === 'ja';
    const pdf = await renderNotesPdf(
      await readFile(this.files.store.pathOf(file.sha256)),
      notes,
      await exportFontBytes(),
      {
        footer: ja ? `${title}\u3000{page}ページ（個人メモ付き）` : `${title} — page {page} (with my notes)`,
      },
    );
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(`${title}_${ja ? '個人メモ' : 'my-notes'}.pdf`));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', String(pdf.byteLength));
    res.end(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  }
}
