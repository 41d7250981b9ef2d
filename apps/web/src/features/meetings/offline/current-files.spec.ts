import type { Meeting } from '@ringi/contracts';
import { currentFiles } from './current-files';

const version = (fileId: string, size: number, supersededAt: string | null) => ({
  id: `v-${fileId}`,
  version: 1,
  fileId,
  name: `${fileId}.pdf`,
  size,
  sha256: '0'.repeat(64),
  pageCount: 1,
  uploadedById: 'u',
  uploadedByName: '山田 太郎',
  uploadedAt: '2026-04-01T00:00:00.000Z',
  supersededAt,
});

describe('currentFiles', () => {
  it('keeps the current version of each material of every agenda item, not the superseded ones', () => {
    const meeting = {
      agenda: [
        {
          materials: [
            { versions: [version('new', 200, null), version('old', 100, '2026-04-02T00:00:00.000Z')] },
            { versions: [version('only', 50, null)] },
          ],
        },
        { materials: [] },
        { materials: [{ versions: [version('second-item', 10, null)] }] },
      ],
    } as unknown as Meeting;
    expect(currentFiles(meeting)).toEqual([
      { fileId: 'new', size: 200 },
      { fileId: 'only', size: 50 },
      { fileId: 'second-item', size: 10 },
    ]);
  });
});
