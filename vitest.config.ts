import vue from '@vitejs/plugin-vue';
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
        plugins: [vue()],
        // Vant's per-component style entries import CSS, so Vite (not Node) has to load Vant.
        test: { name: 'miniapp', root: './miniapp', environment: 'happy-dom', include: ['src/**/*.test.ts'], server: { deps: { inline: ['vant'] } } },
      },
      { test: { name: 'scripts', root: './scripts', environment: 'node', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 30_000 } },
    ],
  },
});
