import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // dist/ also holds the bundled command line (scripts/build-cli.mjs); the app gets its own
  // folder so building one never deletes the other.
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, outDir: 'dist/app' },
});
