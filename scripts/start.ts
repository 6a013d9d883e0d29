/**
 * `npm start`: run the product with no configuration — SQLite under ./data and demo data.
 * The DingTalk sandbox joins here when no DingTalk credentials are configured.
 */
await import('../server/src/main.js');
export {};
