import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { idParamSchema } from '@ringi/contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ApiErrors } from '../errors/api-errors.decorator';
import { AppException } from '../errors/app.exception';
import { FilesService } from './files.service';

class IdParamDto extends createZodDto(idParamSchema) {}

/** Types a browser may show inline; everything else is a download. Never HTML. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** Whether an If-None-Match header names this content (strong or weak form, or `*`). */
export function matchesEtag(header: string | undefined, sha256: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${sha256}"`;
  });
}

@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** Streams a file with Range and ETag support after an authorisation check for this user and file. */
  @Get(':id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: 'The file, byte for byte as stored (Content-Type as sniffed at upload).',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({
    status: 206,
    description: 'The requested range of the file (Range: bytes=…).',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match names this content).' })
  @ApiErrors('files/not_found', 'files/range_not_satisfiable')
  async download(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.getForRead(user, id);
    const notModified = matchesEtag(req.headers['if-none-match'], file.sha256);
    // A range that starts past the end: 416 with the size (RFC 9110 §15.5.17), through the API's error shape
    // and before any header of the file itself is set.
    if (!notModified && req.headers.range && req.range(file.size) === -1) {
      res.setHeader('Content-Range', `bytes */${file.size}`);
      throw new AppException('files/range_not_satisfiable');
    }
    const disposition = INLINE_TYPES.has(file.mimeType) ? 'inline' : 'attachment';
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('ETag', `"${file.sha256}"`);
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    if (notModified) {
      res.status(304).end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        this.files.store.pathOf(file.sha256),
        // dotfiles: the default data folder is ./.ringi-data, which send() would otherwise refuse as hidden.
        { etag: false, lastModified: false, acceptRanges: true, dotfiles: 'allow' },
        (err) => (err && !res.headersSent ? reject(err) : resolve()),
      );
    });
  }
}
