import type { Meeting } from '@ringi/contracts';

/** The current version of each material of the meeting (newest first in `versions`). */
export function currentFiles(meeting: Meeting): { fileId: string; size: number }[] {
  const files: { fileId: string; size: number }[] = [];
  for (const item of meeting.agenda)
    for (const material of item.materials) {
      const current = material.versions.find((v) => v.supersededAt === null) ?? material.versions[0];
      if (current) files.push({ fileId: current.fileId, size: current.size });
    }
  return files;
}
