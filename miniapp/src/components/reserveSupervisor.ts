/** The 储备主管 (reserve-supervisor pool) label, from shared's zod-free entry so the first screen can show it. */
export { RESERVE_SUPERVISOR_LABEL as RESERVE_SUPERVISOR_TEXT } from '@aireview/shared/labels';
