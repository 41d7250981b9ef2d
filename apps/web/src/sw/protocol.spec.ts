import { copyCacheName, isAppFilePath, isCopyPath, parseCopyCacheName } from './protocol';

describe('copy cache names', () => {
  it('name one person’s copy of one meeting and read back both ids', () => {
    const name = copyCacheName('u-1', 'm-2');
    expect(name).toBe('ringi-copy:u-1:m-2');
    expect(parseCopyCacheName(name)).toEqual({ userId: 'u-1', meetingId: 'm-2' });
  });

  it('are not confused with the app’s caches or malformed names', () => {
    expect(parseCopyCacheName('ringi-app-0123456789abcdef')).toBeNull();
    expect(parseCopyCacheName('ringi-copy:u-1')).toBeNull();
    expect(parseCopyCacheName('ringi-copy:u-1:m-2:x')).toBeNull();
  });
});

describe('what the worker answers', () => {
  it('answers from a copy only the signed-in person, a meeting and a file', () => {
    expect(isCopyPath('/api/me')).toBe(true);
    expect(isCopyPath('/api/meetings/abc')).toBe(true);
    expect(isCopyPath('/api/files/abc')).toBe(true);
    expect(isCopyPath('/api/meetings')).toBe(false);
    expect(isCopyPath('/api/meetings/abc/participants')).toBe(false);
    expect(isCopyPath('/api/notifications')).toBe(false);
  });

  it('treats hashed assets and the files of public/ as the app’s own', () => {
    expect(isAppFilePath('/assets/index-abc.js')).toBe(true);
    expect(isAppFilePath('/assets/pdfjs-5.4.624/cmaps/UniJIS-UCS2-H.bcmap')).toBe(true);
    expect(isAppFilePath('/manifest.webmanifest')).toBe(true);
    expect(isAppFilePath('/icons/icon-192.png')).toBe(true);
    expect(isAppFilePath('/meetings/abc')).toBe(false);
    expect(isAppFilePath('/api/files/abc')).toBe(false);
  });
});
