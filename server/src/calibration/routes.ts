import { ApplyCalibrationInputSchema, CalibrationQuerySchema, CalibrationSettingsInputSchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { PERSONA_EDITORS } from '../personas/index.js';
import { applyCalibration } from './applyCalibration.js';
import { computeCalibration } from './computeCalibration.js';
import { presentCalibration } from './presenters.js';
import { updateCalibrationSettings } from './updateCalibrationSettings.js';

const Code = z.object({ code: z.string().min(1).max(64) });
const read = validate({ params: Code, query: CalibrationQuerySchema });
const settings = validate({ params: Code, body: CalibrationSettingsInputSchema });
const apply = validate({ params: Code, body: ApplyCalibrationInputSchema });
const editorsOnly = requireRole(PERSONA_EDITORS, '只有 HR 和管理员可以查看和应用校准结果');

/** Calibration of a position's persona against its hires' performance: HR and admin only. */
export function calibrationRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1/positions');
  router.use(sessions.required);

  router.get('/:code/calibration', editorsOnly, read, async (ctx) => {
    const { params, query } = read.of(ctx);
    ctx.body = { data: presentCalibration(await computeCalibration(deps, { code: params.code, outcome: query.outcome })) };
  });

  router.put('/:code/calibration/settings', editorsOnly, settings, async (ctx) => {
    const { params, body } = settings.of(ctx);
    ctx.body = { data: await updateCalibrationSettings(deps, viewerOf(ctx), params.code, body) };
  });

  router.post('/:code/calibration/apply', editorsOnly, apply, async (ctx) => {
    const { params, body } = apply.of(ctx);
    ctx.body = { data: await applyCalibration(deps, viewerOf(ctx), params.code, body) };
  });
  return router;
}
