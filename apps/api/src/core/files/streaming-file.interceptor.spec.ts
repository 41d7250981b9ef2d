import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Catch,
  Controller,
  HttpCode,
  Module,
  Post,
  Req,
  UseInterceptors,
  type ArgumentsHost,
  type ExceptionFilter,
  type INestApplication,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { AppException } from '../errors/app.exception';
import { FilesService } from './files.service';
import { StreamingFileInterceptor, type RequestWithStreamedFile } from './streaming-file.interceptor';
import type { StreamedUpload } from './streaming-upload';

const seen: { upload?: StreamedUpload; existedInHandler?: boolean } = {};

@Controller('t')
class UploadController {
  @Post('keep')
  @HttpCode(200)
  @UseInterceptors(StreamingFileInterceptor('file', 64 * 1024))
  async upload(@Req() req: RequestWithStreamedFile): Promise<{ size?: number }> {
    seen.upload = req.streamedFile;
    seen.existedInHandler = req.streamedFile ? existsSync(req.streamedFile.path) : undefined;
    return { size: req.streamedFile?.size };
  }

  @Post('fail')
  @UseInterceptors(StreamingFileInterceptor('file', 64 * 1024))
  async fail(@Req() req: RequestWithStreamedFile): Promise<void> {
    seen.upload = req.streamedFile;
    throw new AppException('files/type_not_allowed');
  }
}

/** The app's own filter answers `{ code }` with the code's status; enough of it for this test. */
@Catch(AppException)
class CodeFilter implements ExceptionFilter {
  catch(error: AppException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(error.status).json({ code: error.code });
  }
}

describe('StreamingFileInterceptor', () => {
  let app: INestApplication;
  let url: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'ringi-interceptor-'));
    @Module({
      controllers: [UploadController],
      providers: [{ provide: FilesService, useValue: { tmpDir: tmp } }],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false, bodyParser: false });
    app.useGlobalFilters(new CodeFilter());
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/t`;
  });
  afterAll(async () => {
    await app.close();
    await rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    delete seen.upload;
    delete seen.existedInHandler;
  });

  const post = (path: string, bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '資料.pdf');
    return fetch(`${url}/${path}`, { method: 'POST', body: form });
  };
  const tempFiles = async () =>
    (await readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith('upload-'));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('gives the handler the file on disk, and removes what the handler did not move', async () => {
    const bytes = Buffer.alloc(40 * 1024, 0x25);
    const res = await post('keep', bytes);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ size: bytes.length });
    expect(seen.existedInHandler).toBe(true);
    expect(seen.upload?.originalname).toBe('資料.pdf');
    await settle();
    expect(await tempFiles()).toEqual([]);
  });

  it('removes the temporary file when the handler fails', async () => {
    const res = await post('fail', Buffer.from('%PDF-1.7\n'));
    expect(res.status).toBe(415);
    expect(seen.upload).toBeDefined();
    await settle();
    expect(await tempFiles()).toEqual([]);
  });

  it('answers 413 before the handler runs when the file is past the limit', async () => {
    const res = await post('keep', Buffer.alloc(200 * 1024, 0x25));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'files/too_large' });
    expect(seen.upload).toBeUndefined();
    await settle();
    expect(await tempFiles()).toEqual([]);
  });

  it('passes undefined to the handler when the form has no file', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await fetch(`${url}/keep`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(seen.upload).toBeUndefined();
  });
});
