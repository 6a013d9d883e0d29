import { createRouter, createWebHashHistory, type RouterHistory, type RouteRecordRaw } from 'vue-router';

export type TabName = 'pending' | 'candidates' | 'positions' | 'me';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Tab pages show the bottom tab bar. */
    tab?: TabName;
    /** Reachable without a session. */
    public?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/pending' },
  { path: '/login', name: 'login', component: () => import('../pages/login/LoginPage.vue'), meta: { title: '登录', public: true } },
  { path: '/pending', name: 'pending', component: () => import('../pages/pending/PendingPage.vue'), meta: { title: '待我审核', tab: 'pending' } },
  { path: '/candidates', name: 'candidates', component: () => import('../pages/candidates/CandidatesPage.vue'), meta: { title: '候选人', tab: 'candidates' } },
  {
    path: '/applications/:id',
    name: 'application',
    component: () => import('../pages/file/ApplicationFilePage.vue'),
    props: true,
    meta: { title: '候选人档案' },
  },
  // Older notification links name the candidate file this way.
  { path: '/candidates/:id', redirect: (to) => ({ name: 'application', params: { id: to.params.id } }) },
  { path: '/positions', name: 'positions', component: () => import('../pages/positions/PositionsPage.vue'), meta: { title: '岗位画像', tab: 'positions' } },
  {
    path: '/positions/:code',
    name: 'position',
    component: () => import('../pages/positions/PositionDetailPage.vue'),
    props: true,
    meta: { title: '画像详情' },
  },
  {
    path: '/positions/:code/calibration',
    name: 'calibration',
    component: () => import('../pages/positions/CalibrationPage.vue'),
    props: true,
    meta: { title: '校准' },
  },
  {
    path: '/positions/:code/training-rules',
    name: 'training-rules',
    component: () => import('../pages/positions/TrainingRulesPage.vue'),
    props: true,
    meta: { title: '培训规则' },
  },
  { path: '/me', name: 'me', component: () => import('../pages/me/MePage.vue'), meta: { title: '我的', tab: 'me' } },
  { path: '/imports/performance', name: 'performance-import', component: () => import('../pages/imports/PerformanceImportPage.vue'), meta: { title: '绩效数据导入' } },
  { path: '/reports', name: 'reports', component: () => import('../pages/reports/ReportsPage.vue'), meta: { title: '数据看板' } },
  { path: '/admin/outbox', name: 'outbox', component: () => import('../pages/admin/OutboxPage.vue'), meta: { title: '消息投递' } },
  { path: '/:pathMatch(.*)*', redirect: '/pending' },
];

/**
 * Hash history: DingTalk's container and our server only ever load `/app/` itself, and notification links
 * look like `/app/#/applications/<id>` (the sandbox adds `?sandboxUser=` before the `#`).
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
  });
}
