import { describe, it, expect } from 'vitest';
import { INGEST_LIMITS, InterviewResultSchema, recordingConsentOf } from './ingestion.js';

type Payload = Record<string, any>;

const scenario = (scenarioId: string): Payload => ({
  scenarioId,
  title: '客户投诉快递延误',
  prompt: '客户来电称包裹已延误三天，情绪激动，要求立即退款。请你作为客服进行回应。',
  transcript: '您好，非常理解您着急的心情，我先帮您查询一下物流信息……',
  responseLatencySec: 12.5,
  durationSec: 184,
  scores: { communication: 86, serviceAwareness: 90, problemSolving: 78 },
  emotionVolatility: 0.18,
});

/** A realistic finished interview; each test breaks one thing. */
const validPayload = (): Payload => ({
  interviewId: 'itv-2024-05-01-0001',
  positionCode: 'CS-SH-01',
  requestId: 'req-7f3a9c',
  candidate: {
    externalId: 'cand-10086',
    name: '  张晓梅 ',
    phone: '+86 138-0013-8000',
    email: 'xiaomei.zhang@example.com',
    source: 'BOSS直聘',
  },
  startedAt: '2024-05-01T10:00:00+08:00',
  completedAt: '2024-05-01T10:25:30+08:00',
  scenarios: [scenario('complaint.delay'), { ...scenario('refund_request'), title: '退款申请', scores: { communication: 80, teamwork: 72 } }],
  dimensionScores: { communication: 84, adaptability: 75 },
  report: {
    summary: '候选人沟通清晰，能够安抚情绪激动的客户，但产品知识略显不足。',
    strengths: ['共情能力强', '表达有条理'],
    risks: ['对退款政策细节不熟悉'],
  },
});

const parse = (payload: Payload) => InterviewResultSchema.safeParse(payload);
const issuePaths = (payload: Payload) => parse(payload).error?.issues.map((i) => i.path);

describe('InterviewResultSchema', () => {
  it('accepts a realistic payload and trims text', () => {
    const result = parse(validPayload());
    expect(result.success).toBe(true);
    expect(result.data?.candidate.name).toBe('张晓梅');
    expect(result.data?.scenarios).toHaveLength(2);
    expect(result.data?.scenarios[1]?.scores).toEqual({ communication: 80, teamwork: 72 });
  });

  it('accepts a minimal payload without optional fields', () => {
    const payload = validPayload();
    delete payload.requestId;
    delete payload.dimensionScores;
    delete payload.report;
    payload.candidate = { externalId: 'cand-1', name: '李雷' };
    payload.scenarios = [{ scenarioId: 's1', title: '咨询', prompt: '请介绍会员权益', transcript: '', responseLatencySec: 0, scores: {} }];
    expect(parse(payload).success).toBe(true);
  });

  it('refuses a missing candidate name', () => {
    const payload = validPayload();
    delete payload.candidate.name;
    expect(issuePaths(payload)).toEqual([['candidate', 'name']]);
  });

  it('refuses a candidate name that is only whitespace', () => {
    const payload = validPayload();
    payload.candidate.name = '   ';
    expect(issuePaths(payload)).toEqual([['candidate', 'name']]);
  });

  it('refuses an unknown top-level key', () => {
    const result = parse({ ...validPayload(), vendorExtra: true });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['vendorExtra'] })]);
  });

  it('refuses an unknown dimension key in scenario scores', () => {
    const payload = validPayload();
    payload.scenarios[0].scores.empathy = 80;
    const result = parse(payload);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: ['scenarios', 0, 'scores'], keys: ['empathy'] })]);
  });

  it('refuses an unknown dimension key in dimensionScores', () => {
    const payload = validPayload();
    payload.dimensionScores.empathy = 80;
    expect(issuePaths(payload)).toEqual([['dimensionScores']]);
  });

  it('refuses a score above 100', () => {
    const payload = validPayload();
    payload.scenarios[1].scores.teamwork = 100.1;
    expect(issuePaths(payload)).toEqual([['scenarios', 1, 'scores', 'teamwork']]);
  });

  it('accepts scores of exactly 0 and 100', () => {
    const payload = validPayload();
    payload.scenarios[0].scores = { communication: 0, teamwork: 100 };
    expect(parse(payload).success).toBe(true);
  });

  it('refuses a negative response latency', () => {
    const payload = validPayload();
    payload.scenarios[0].responseLatencySec = -0.5;
    expect(issuePaths(payload)).toEqual([['scenarios', 0, 'responseLatencySec']]);
  });

  it('refuses zero scenarios', () => {
    expect(issuePaths({ ...validPayload(), scenarios: [] })).toEqual([['scenarios']]);
  });

  it('accepts exactly the maximum number of scenarios', () => {
    expect(INGEST_LIMITS.maxScenarios).toBe(50);
    const scenarios = Array.from({ length: 50 }, (_, i) => scenario(`s${i}`));
    expect(parse({ ...validPayload(), scenarios }).success).toBe(true);
  });

  it('refuses 51 scenarios', () => {
    const scenarios = Array.from({ length: 51 }, (_, i) => scenario(`s${i}`));
    expect(issuePaths({ ...validPayload(), scenarios })).toEqual([['scenarios']]);
  });

  it('refuses a duplicate scenarioId on the later occurrence', () => {
    const payload = { ...validPayload(), scenarios: [scenario('a'), scenario('b'), scenario('a')] };
    expect(issuePaths(payload)).toEqual([['scenarios', 2, 'scenarioId']]);
  });

  it('treats scenarioIds that differ only in surrounding whitespace as duplicates', () => {
    const payload = { ...validPayload(), scenarios: [scenario('a'), scenario(' a ')] };
    expect(issuePaths(payload)).toEqual([['scenarios', 1, 'scenarioId']]);
  });

  it('refuses completedAt before startedAt', () => {
    const payload = { ...validPayload(), completedAt: '2024-05-01T09:59:59+08:00' };
    expect(issuePaths(payload)).toEqual([['completedAt']]);
  });

  it('compares instants, not strings, across offsets', () => {
    // 03:00Z is 11:00 in +08:00, i.e. after the start, although it sorts before it as text.
    expect(parse({ ...validPayload(), completedAt: '2024-05-01T03:00:00Z' }).success).toBe(true);
    // 01:00Z is 09:00 in +08:00, i.e. before the start.
    expect(issuePaths({ ...validPayload(), completedAt: '2024-05-01T01:00:00Z' })).toEqual([['completedAt']]);
  });

  it('accepts completedAt equal to startedAt', () => {
    const payload = validPayload();
    expect(parse({ ...payload, completedAt: payload.startedAt }).success).toBe(true);
  });

  it('refuses a datetime without an offset', () => {
    expect(issuePaths({ ...validPayload(), startedAt: '2024-05-01T10:00:00' })).toEqual([['startedAt']]);
  });

  it('refuses a bad email', () => {
    const payload = validPayload();
    payload.candidate.email = 'xiaomei.zhang@';
    expect(issuePaths(payload)).toEqual([['candidate', 'email']]);
  });

  it('refuses a phone with letters', () => {
    const payload = validPayload();
    payload.candidate.phone = '138abc00138';
    expect(issuePaths(payload)).toEqual([['candidate', 'phone']]);
  });

  it('refuses a scenarioId with characters outside letters, digits, _ . -', () => {
    const payload = { ...validPayload(), scenarios: [scenario('退款/1')] };
    expect(issuePaths(payload)).toEqual([['scenarios', 0, 'scenarioId']]);
  });

  it('refuses emotionVolatility above 1', () => {
    const payload = validPayload();
    payload.scenarios[0].emotionVolatility = 1.5;
    expect(issuePaths(payload)).toEqual([['scenarios', 0, 'emotionVolatility']]);
  });
});

describe('candidate.consent', () => {
  const base = () => validPayload() as Record<string, any>;
  it('accepts recording consent and the automated-assessment notice time', () => {
    const payload = base();
    payload.candidate.consent = { recording: true, automatedAssessmentNotice: '2026-11-20T09:55:00+08:00' };
    expect(InterviewResultSchema.safeParse(payload).success).toBe(true);
  });
  it('refuses a notice time without an offset and unknown consent fields', () => {
    const payload = base();
    payload.candidate.consent = { recording: true, automatedAssessmentNotice: '2026-11-20 09:55' };
    expect(InterviewResultSchema.safeParse(payload).success).toBe(false);
    payload.candidate.consent = { recording: true, voiceprint: true };
    expect(InterviewResultSchema.safeParse(payload).success).toBe(false);
  });
  it('maps what was sent to the stored state', () => {
    expect([recordingConsentOf({ recording: true }), recordingConsentOf({ recording: false }), recordingConsentOf({}), recordingConsentOf(undefined)]).toEqual(['given', 'refused', 'absent', 'absent']);
  });
});
