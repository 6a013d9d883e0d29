import { Initial1764000000000 } from './1764000000000-Initial.js';
import { Reviews1764100000000 } from './1764100000000-Reviews.js';
import { ListIndexes1764200000000 } from './1764200000000-ListIndexes.js';
import { Sessions1764300000000 } from './1764300000000-Sessions.js';
import { RecordingVersions1764400000000 } from './1764400000000-RecordingVersions.js';
import { Hiring1764500000000 } from './1764500000000-Hiring.js';
import { VendorBatches1764600000000 } from './1764600000000-VendorBatches.js';
import { Reports1764700000000 } from './1764700000000-Reports.js';
import { Training1764800000000 } from './1764800000000-Training.js';
import { Consent1764900000000 } from './1764900000000-Consent.js';

/** Every migration, in order. Never edit one that has been merged; add a new file. */
export const MIGRATIONS = [Initial1764000000000, Reviews1764100000000, ListIndexes1764200000000, Sessions1764300000000, RecordingVersions1764400000000, Hiring1764500000000, VendorBatches1764600000000, Reports1764700000000, Training1764800000000, Consent1764900000000];
