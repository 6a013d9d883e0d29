import type { Role } from '@aireview/shared';

/** Personas are read by everyone signed in and edited by HR and admin only. */
export const PERSONA_EDITORS: readonly Role[] = ['hr', 'admin'];
