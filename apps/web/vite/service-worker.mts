import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Builds the service worker (`src/sw/sw.ts`) into `<outDir>/sw.js` once the app is written: a classic script
 * (IIFE, nothing loaded at run time; iPadOS 16.4 Safari has no module service workers) that knows every file of
 * this build (`__RINGI_APP_FILES__`: chunks, assets, pdf.js's worker and data, the files of `public/`) and a
 * version hashed from their names and contents (`__RINGI_APP_VERSION__`), so each build keeps its own app cache
 * and drops the one before. `sw.js` itself lies outside `/assets/` and is therefore served `no-cache`.
 */
export function serviceWorker(options: { entry: string; fileName?: string }): Plugin {
  const fileName = options.fileName ?? 'sw.js';
  let config: ResolvedConfig | undefined;
  return {
    name: 'ringi:service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async writeBundle(output, bundle) {
      if (!config) throw new Error('service-worker: configResolved did not run');
      const outDir = output.dir ?? resolve(config.root, config.build.outDir);
      const files = new Map<string, string | Uint8Array>();
      for (const item of Object.values(bundle))
        files.set(item.fileName, item.type === 'chunk' ? item.code : item.source);
      if (config.publicDir)
        for await (const path of filesUnder(config.publicDir))
          files.set(relative(config.publicDir, path).split(sep).join('/'), await readFile(path));
      files.delete(fileName);
      const names = [...files.keys()].sort();
      const hash = createHash('sha256');
      for (const name of names)
        hash
          .update(name)
          .update('\0')
          .update(files.get(name) ?? '')
          .update('\0');
      await build({
        configFile: false,
        root: config.root,
        mode: config.mode,
        logLevel: 'warn',
        publicDir: false,
        define: {
          __RINGI_APP_FILES__: JSON.stringify(names.map((name) => `/${name}`)),
          __RINGI_APP_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          sourcemap: false,
          reportCompressedSize: false,
          minify: true,
          lib: {
            entry: options.entry,
            formats: ['iife'],
            name: 'ringiServiceWorker',
            fileName: () => fileName,
          },
        },
      });
    },
  };
}
