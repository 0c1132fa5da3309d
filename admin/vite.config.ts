import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // @mina/contract (packages/contract) is bundled from its TypeScript sources.
  resolve: { conditions: ['mina-source'] },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/health': api,
      '/metrics': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // react-admin + MUI are one large, rarely changing vendor chunk; screens load on demand.
    chunkSizeWarningLimit: 1500,
  },
});
