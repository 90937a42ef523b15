// Builds two pages into dist/: the Newsroom app (index.html, served at /) and the query IDE
// (ide.html, served by the server at /graphql to browsers). Everything is bundled: no CDN.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The SDK from source, so the app needs no SDK build first and tree-shakes what it does not use.
    alias: { '@dateline/sdk': here('../sdk/src/index.ts') },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The IDE page is large (GraphiQL and CodeMirror) and loads only at /graphql; the Newsroom's own
    // budget is checked by scripts/check-bundle-size.mjs.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: { newsroom: here('index.html'), ide: here('ide.html') },
      // GraphiQL's React Compiler runtime opens with "use no memo", which bundling drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
