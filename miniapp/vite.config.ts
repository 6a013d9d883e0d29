import { constants as zlibConstants } from 'node:zlib';
import type { Plugin as PostcssPlugin } from 'postcss';
import { defineConfig } from 'vite';
import Components from 'unplugin-vue-components/vite';
import { VantResolver } from 'unplugin-vue-components/resolvers';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** ECharts (and its renderer zrender) only ever load with the candidate file and calibration pages. */
function manualChunks(id: string): string | undefined {
  if (/[\\/]node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
  return undefined;
}

/** A comma outside parentheses: between the sources of an @font-face `src` (data: URLs hold commas). */
const BETWEEN_SOURCES = /,(?![^(]*\))/;

/**
 * Vant's icon font is an inlined woff2 with a woff fallback on at.alicdn.com. Every client that runs this
 * ES2020 build reads woff2, so the fallback only costs a third-party request and a report against the
 * server's Content-Security-Policy (font-src 'self' data:). Dropped from every @font-face.
 */
const dropRemoteFontSources: PostcssPlugin = {
  postcssPlugin: 'drop-remote-font-sources',
  AtRule: {
    'font-face': (rule) => {
      rule.walkDecls('src', (decl) => {
        decl.value = decl.value.split(BETWEEN_SOURCES).filter((source) => !/url\(\s*['"]?(https?:)?\/\//i.test(source)).join(',');
      });
    },
  },
};

export default defineConfig(async ({ command }) => {
  // A build is always the production build, whatever NODE_ENV the shell exported (with
  // NODE_ENV=development the first route was ~105 KB gzipped instead of ~61 KB: Vue's dev runtime).
  // Vite reads NODE_ENV after loading this file. @vitejs/plugin-vue is imported only after this line
  // because importing it loads Vue's compiler, which picks its dev or production build from NODE_ENV once.
  if (command === 'build') process.env.NODE_ENV = 'production';
  const { default: vue } = await import('@vitejs/plugin-vue');
  return {
    base: '/app/',
    // Every component (ours, Vant's, vue-router's) uses setup(); without the Options API the Vue runtime on
    // the first screen is ~1.5 KB gzipped smaller.
    define: { __VUE_OPTIONS_API__: 'false' },
    css: { postcss: { plugins: [dropRemoteFontSources] } },
    plugins: [
      vue(),
      // `<VanButton>` in a template imports Vant's Button and its stylesheet. Only Vant: the app's own
      // components are imported by hand. src/components.d.ts types the Van* tags for vue-tsc.
      Components({ dirs: [], resolvers: [VantResolver()], dts: 'src/components.d.ts' }),
      // Precompressed siblings (x.js.br, x.js.gz) that the server sends by Accept-Encoding
      // (server/src/platform/http/staticApp.ts); maximum levels, as this runs once per build.
      compression({
        algorithms: [defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }), defineAlgorithm('gzip', { level: 9 })],
        exclude: [/\.vite\//],
        threshold: 1024,
        logLevel: 'silent',
      }),
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
  };
});
