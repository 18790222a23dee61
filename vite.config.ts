import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webDir = fileURLToPath(new URL('./web', import.meta.url));

// One html file per front end. The console is web/index.html so it is served at `/`
// (dist/web/index.html is what the server answers for every non-API path). The phone
// portal will be one more line here: `portal: \`${webDir}/portal/index.html\``.
const entries: Record<string, string> = {
  admin: `${webDir}/index.html`,
};

export default defineConfig({
  root: webDir,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd and react-query are shared by every page; the pages themselves are lazy chunks
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: entries,
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: { port: 4173 },
});
