export { openApiRouter } from './routes.js';
