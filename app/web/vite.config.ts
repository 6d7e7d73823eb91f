/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// In development the app runs on Vite's server (127.0.0.1:5173, an origin the service allows) and reaches the
// service through this proxy; `npm run build` writes dist/, which `tradenb serve` serves at /.
const service = process.env.TRADENB_URL ?? 'http://127.0.0.1:8000'
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': service, '/ws': { target: service, ws: true } } },
  build: { outDir: 'dist', sourcemap: true },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
})
