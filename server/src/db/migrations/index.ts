import { Initial1764000000000 } from './1764000000000-Initial.js';

/** Every migration, in order. Never edit one that has been merged; add a new file. */
export const MIGRATIONS = [Initial1764000000000];
