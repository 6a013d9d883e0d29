import { AlertQuerySchema, AlertSettingsInputSchema, ReportExportQuerySchema, ReportQuerySchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { PERSONA_EDITORS, findPositionByCode } from '../personas/index.js';
import { exportReport } from './exportReport.js';
import { listAlerts } from './listAlerts.js';
import { reportFairness } from './reportFairness.js';
import { reportTraining } from './reportTraining.js';
import { summarizeReports } from './summarizeReports.js';
import { presentAlertSettings, updateAlertSettings } from './updateAlertSettings.js';

const filters = validate({ query: ReportQuerySchema });
const exportFilters = validate({ query: ReportExportQuerySchema });
/** Staff see no candidate data, so no report either; supervisors see their own scope. */
const readers = requireRole(['admin', 'hr', 'supervisor'], '只有 HR、管理员和主管可以查看数据看板');
/** Demographics (fairness) and thresholds: HR and admin only. */
const editors = requireRole(PERSONA_EDITORS, '只有 HR 和管理员可以查看公平性报告和修改预警阈值');
const alertFilters = validate({ query: AlertQuerySchema });
const Code = z.object({ positionCode: z.string().min(1).max(64) });
const readSettings = validate({ params: Code });
const writeSettings = validate({ params: Code, body: AlertSettingsInputSchema });

/** 数据看板: reports over the applications in the viewer's scope. */
export function reportsRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1/reports');
  router.use(sessions.required);

  router.get('/summary', readers, filters, async (ctx) => {
    ctx.body = { data: await summarizeReports(deps, viewerOf(ctx), filters.of(ctx).query) };
  });

  router.get('/export', readers, exportFilters, async (ctx) => {
    const file = await exportReport(deps, viewerOf(ctx), exportFilters.of(ctx).query, ctx.state.requestId);
    ctx.attachment(file.filename, { fallback: file.fallbackFilename });
    ctx.type = file.contentType;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = file.body;
  });

  router.get('/alerts', readers, alertFilters, async (ctx) => {
    ctx.body = { data: await listAlerts(deps, viewerOf(ctx), alertFilters.of(ctx).query) };
  });

  router.get('/training', readers, filters, async (ctx) => {
    ctx.body = { data: await reportTraining(deps, viewerOf(ctx), filters.of(ctx).query) };
  });

  router.get('/fairness', editors, filters, async (ctx) => {
    ctx.body = { data: await reportFairness(deps, viewerOf(ctx), filters.of(ctx).query) };
  });

  router.get('/alert-settings/:positionCode', editors, readSettings, async (ctx) => {
    ctx.body = { data: presentAlertSettings(await findPositionByCode(deps.ds, readSettings.of(ctx).params.positionCode)) };
  });

  router.put('/alert-settings/:positionCode', editors, writeSettings, async (ctx) => {
    const { params, body } = writeSettings.of(ctx);
    ctx.body = { data: await updateAlertSettings(deps, viewerOf(ctx), params.positionCode, body) };
  });
  return router;
}
