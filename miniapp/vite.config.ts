import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { VantResolver } from 'unplugin-vue-components/resolvers';

/** ECharts (and its renderer zrender) only ever load with the candidate file page. */
function manualChunks(id: string): string | undefined {
  if (/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
  return undefined;
}

export default defineConfig({
  base: '/app/',
  // Every component (ours, Vant's, vue-router's) uses setup(); without the Options API the Vue runtime on
  // the first screen is ~1.5 KB gzipped smaller.
  define: { __VUE_OPTIONS_API__: 'false' },
  plugins: [
    vue(),
    // `<VanButton>` in a template imports Vant's Button and its stylesheet. Only Vant: the app's own
    // components are imported by hand. src/components.d.ts types the Van* tags for vue-tsc.
    Components({ dirs: [], resolvers: [VantResolver()], dts: 'src/components.d.ts' }),
  ],
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
