import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GLOBAL_MODULE_METADATA } from '@nestjs/common/constants';
import { OrgModule } from './org.module';

const MODULES = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(int-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The feature module a file belongs to (`identity`, `org`, …). */
const moduleOf = (path: string): string => relative(MODULES, path).split(sep)[0];

describe('module boundaries', () => {
  it('keeps the org module out of the global scope', () => {
    expect(Reflect.getMetadata(GLOBAL_MODULE_METADATA, OrgModule)).toBeFalsy();
  });

  it('lets no feature module read another module’s entities (they go through its exported services)', () => {
    const crossings: string[] = [];
    for (const file of sourceFiles(MODULES)) {
      const imports = readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g);
      for (const [, specifier] of imports) {
        const target = resolve(dirname(file), specifier);
        const isEntity = /\.entity$/.test(target) || target.split(sep).includes('entities');
        if (isEntity && target.startsWith(MODULES) && moduleOf(target) !== moduleOf(file))
          crossings.push(`${relative(MODULES, file)} → ${specifier}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
