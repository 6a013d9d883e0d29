import type { EvaluationModelInput, InterviewResult } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { createPosition } from '../src/personas/index.js';
import { buildTestDeps } from './testApp.js';

export const GENERAL_MODEL: EvaluationModelInput = {
  weights: { communication: 0.3, serviceAwareness: 0.3, adaptability: 0.2, problemSolving: 0.2 },
  passScore: 70,
  floors: { serviceAwareness: 60 },
};

export async function createTestPosition(ds: DataSource, overrides: Partial<Parameters<typeof createPosition>[1]> = {}) {
  return createPosition(buildTestDeps(ds), {
    code: 'CS-GENERAL',
    name: '综合电商客服',
    departmentId: 101,
    supervisorUserIds: ['sup_general'],
    model: GENERAL_MODEL,
    ...overrides,
  });
}

let counter = 0;

/** What a vendor that collected consent sends: recordings allowed, the candidate told an AI scores the interview. */
export const SAMPLE_CONSENT = { recording: true, automatedAssessmentNotice: '2026-11-20T09:55:00+08:00' } as const;

/** A valid interview for CS-GENERAL; every call gets a fresh interview and candidate unless overridden. */
export function samplePayload(overrides: Partial<InterviewResult> = {}): InterviewResult {
  counter += 1;
  return {
    interviewId: `itv-${Date.now()}-${counter}`,
    positionCode: 'CS-GENERAL',
    candidate: { externalId: `ext-${counter}-${Math.random().toString(36).slice(2, 8)}`, name: '刘晓燕', phone: `139${String(10000000 + counter).slice(-8)}`, source: 'BOSS直聘', consent: SAMPLE_CONSENT },
    startedAt: '2026-11-20T10:00:00+08:00',
    completedAt: '2026-11-20T10:25:00+08:00',
    scenarios: [
      {
        scenarioId: 'lost_parcel',
        title: '包裹丢失',
        prompt: '我的快递显示签收了，可是我根本没收到！你们怎么回事？',
        transcript: '非常抱歉给您带来困扰，麻烦您提供一下订单号，我马上联系快递核实签收情况，今天下午五点前给您回复。',
        responseLatencySec: 6.5,
        durationSec: 75,
        scores: { communication: 82, serviceAwareness: 88, adaptability: 76, problemSolving: 80 },
      },
      {
        scenarioId: 'angry_escalation',
        title: '情绪激动的客户',
        prompt: '我已经投诉三次了，再不解决我就去起诉你们！',
        transcript: '先生，我完全理解您的心情，这件事由我全程跟进，我现在就为您升级处理，并在两小时内给您电话回复。',
        responseLatencySec: 34,
        durationSec: 90,
        scores: { communication: 70, serviceAwareness: 74, adaptability: 68, problemSolving: 72 },
        emotionVolatility: 0.4,
      },
    ],
    report: { summary: '沟通清晰，服务意识较强，面对激烈情绪时略显迟疑。', strengths: ['主动致歉', '给出明确时限'], risks: ['应答偏慢'] },
    ...overrides,
    // A test's own candidate keeps the sample's consent unless it says otherwise (`consent: undefined` for none).
    ...(overrides.candidate && !('consent' in overrides.candidate) ? { candidate: { ...overrides.candidate, consent: SAMPLE_CONSENT } } : {}),
  };
}
