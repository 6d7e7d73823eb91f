/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// In development the app runs on Vite's server (127.0.0.1:5173, an origin the service allows) and reaches the
// service through this proxy; `npm run build` writes tradenb/web/, which `tradenb serve` serves at /.
const service = process.env.TRADENB_URL ?? 'http://127.0.0.1:8000'
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, proxy: { '/api': service, '/ws': { target: service, ws: true } } },
  // The build is shipped inside the package (tradenb/web), so `pip install` alone serves the app; CI rebuilds it and
  // checks that the committed one is the same (tests/test_app.py).
  build: { outDir: '../../tradenb/web', emptyOutDir: true, sourcemap: false },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
})
