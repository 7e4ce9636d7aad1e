import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev -w web` serves the app with hot reload and sends /graphql (HTTP and WebSocket)
// to the gateway `npm start` runs; `npm run build:web` writes web/dist, which the gateway serves.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/graphql': { target: process.env.BODEGA_GATEWAY ?? 'http://127.0.0.1:4000', ws: true } },
  },
  // No source maps in the production build: the gateway serves dist publicly.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
