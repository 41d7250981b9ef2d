import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root: fromHere('.'),
  plugins: [vue()],
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
    sourcemap: true,
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
