import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorker } from './vite/service-worker.mts';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const api = 'http://localhost:3000';

/** What is worth compressing: text and the uncompressed binary formats (PDF.js CMaps and fonts, wasm). */
const COMPRESSIBLE = new Set(
  ['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.wasm', '.bcmap'].concat(
    ['.pfb', '.ttf', '.otf', '.ico'],
  ),
);

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every compressible file of the
 * build, so the API (express-static-gzip) and nginx (`gzip_static`) send them without compressing per request.
 * A variant that saves less than a tenth of the size is not kept; tiny files are left alone.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'ringi:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      for await (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.has(extname(file)) || (await stat(file)).size < 1024) continue;
        const raw = await readFile(file);
        const variants = await Promise.all([
          brotli(raw, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }).then((data) => ({ ext: '.br', data })),
          gz(raw, { level: zlib.Z_BEST_COMPRESSION }).then((data) => ({ ext: '.gz', data })),
        ]);
        for (const { ext, data } of variants)
          if (data.length < raw.length * 0.9) await writeFile(`${file}${ext}`, data);
      }
    },
  };
}

/** pdfjs-dist's data files the viewer fetches at run time (see src/ui/pdf/pdfjs.ts). */
const PDFJS_ROOT = fromHere('../../node_modules/pdfjs-dist');
const PDFJS_DATA = ['cmaps', 'standard_fonts', 'wasm', 'iccs'];

/**
 * Serves pdf.js's CMaps, standard fonts, wasm decoders (and their JS fallback) and ICC profiles from the app
 * itself, under `/assets/pdfjs-<version>/`, so a Japanese PDF without embedded fonts shows its text with no
 * request to another host. The version in the path makes the folder as immutable as the hashed assets beside it.
 * The build copies them into the output (then precompressed like the rest); the dev server reads them from
 * node_modules.
 */
function pdfjsData(): Plugin {
  let base = '';
  return {
    name: 'ringi:pdfjs-data',
    async configResolved() {
      const pkg = JSON.parse(await readFile(join(PDFJS_ROOT, 'package.json'), 'utf8')) as { version: string };
      base = `assets/pdfjs-${pkg.version}/`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        if (!path.startsWith(`/${base}`)) return next();
        const [dir, name, ...rest] = path.slice(base.length + 1).split('/');
        if (!dir || !name || rest.length || !PDFJS_DATA.includes(dir) || name.startsWith('.')) return next();
        const file = join(PDFJS_ROOT, dir, name);
        stat(file).then(
          () => {
            if (name.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript');
            if (name.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
            createReadStream(file).pipe(res);
          },
          () => next(),
        );
      });
    },
    async generateBundle() {
      if (!base) throw new Error('pdfjs-data: configResolved did not run');
      for (const dir of PDFJS_DATA) {
        for (const entry of await readdir(join(PDFJS_ROOT, dir), { withFileTypes: true })) {
          if (!entry.isFile()) continue;
          this.emitFile({
            type: 'asset',
            fileName: `${base}${dir}/${entry.name}`,
            source: await readFile(join(PDFJS_ROOT, dir, entry.name)),
          });
        }
      }
    },
  };
}

export default defineConfig({
  root: fromHere('.'),
  // serviceWorker: /sw.js, for reading kept meetings offline (src/sw/README.md).
  plugins: [vue(), pdfjsData(), serviceWorker({ entry: fromHere('src/sw/sw.ts') }), precompress()],
  resolve: {
    alias: {
      '@ringi/contracts': fromHere('../../libs/contracts/src/index.ts'),
      '@ringi/domain': fromHere('../../libs/domain/src/index.ts'),
    },
  },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true', // see compileMessage in src/app/i18n.ts
  },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // No source maps in the production build: nothing to serve, nothing that shows the source to the public.
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // The contracts are zod schemas plus plain constants. Marking them side-effect free and zod's
        // builders pure lets the first load take only the constants it uses (CSRF header, socket path)
        // and leave zod and the schemas to the screens that validate forms.
        moduleSideEffects: [{ test: /libs\/(contracts|domain)\/src\//, sideEffects: false }],
        manualPureFunctions: ['z'],
      },
      output: {
        // Name the library chunks after what they hold; only `vue` is part of the first load.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            {
              name: 'socket-io',
              test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
});
