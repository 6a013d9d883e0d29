import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', environment: 'node', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: './server',
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The app's own Vite config: Vue, plus Vant components resolved with their styles.
        extends: './miniapp/vite.config.ts',
        // Vant's per-component style entries import CSS, so Vite (not Node) has to load Vant.
        test: { name: 'miniapp', root: './miniapp', environment: 'happy-dom', include: ['src/**/*.test.ts'], server: { deps: { inline: ['vant'] } } },
      },
      // The built H5 app in Chromium against the real server and the DingTalk sandbox (miniapp/e2e/harness.ts).
      { test: { name: 'browser', root: './miniapp', environment: 'node', include: ['e2e/**/*.test.ts'], testTimeout: 90_000, hookTimeout: 120_000, fileParallelism: false } },
      { test: { name: 'scripts', root: './scripts', environment: 'node', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 30_000 } },
    ],
  },
});
