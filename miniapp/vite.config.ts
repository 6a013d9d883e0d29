import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

/** ECharts (and its renderer zrender) only ever load with the candidate file page. */
function manualChunks(id: string): string | undefined {
  if (/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
  return undefined;
}

export default defineConfig({
  base: '/app/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // dist/.vite/manifest.json lets scripts/bundleSize.mjs follow the first route's chunks.
    manifest: true,
    rollupOptions: {
      output: { manualChunks },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
