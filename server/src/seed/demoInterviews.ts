import {
  DIMENSIONS,
  DIMENSION_LABELS,
  LATENCY_THRESHOLD_SEC,
  resolveDimensionScores,
  round,
  weightedDimensions,
  type CandidateInput,
  type Dimension,
  type DimensionScores,
  type InterviewResult,
  type ReportInput,
  type ScenarioInput,
} from '@aireview/shared';
import { DEMO_POSITIONS, type DemoPosition } from './demoPositions.js';
import { DEMO_SCENARIOS, type AnswerQuality, type DemoScenario } from './demoScenarios.js';
import { createRng, type Rng } from './random.js';

export interface DemoInterviewOptions {
  /** Number of candidates (one interview each). Default 48. */
  count?: number;
  /** PRNG seed; the same seed and `now` give the same payloads. */
  seed?: number;
  /** Interviews are spread over the ten days before this instant. Default: the current time. */
  now?: Date;
}

export const DEMO_INTERVIEW_DEFAULTS = { count: 48, seed: 20260315 } as const;

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const SPREAD_DAYS = 10;
const MIN_SCENARIOS = 3;
const MAX_SCENARIOS = 5;

/** Candidate archetypes; the mix yields recommended, borderline and not-recommended candidates. */
type Tier = 'strong' | 'solid' | 'middling' | 'spiky' | 'weak';
const TIER_MIX: readonly (readonly [Tier, number])[] = [
  ['strong', 0.2],
  ['solid', 0.2],
  ['middling', 0.25],
  ['spiky', 0.1],
  ['weak', 0.25],
];
const TIER_MEAN: Record<Tier, number> = { strong: 85, solid: 76, middling: 70, spiky: 84, weak: 57 };

/** Score a candidate's answer tends towards at each quality level. */
const QUALITY_ANCHOR: Record<AnswerQuality, number> = { good: 88, average: 70, poor: 48 };

const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'],
  ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['许', 'xu'], ['韩', 'han'], ['冯', 'feng'],
  ['邓', 'deng'], ['曹', 'cao'], ['彭', 'peng'], ['曾', 'zeng'], ['肖', 'xiao'], ['田', 'tian'], ['董', 'dong'],
  ['潘', 'pan'], ['蒋', 'jiang'], ['蔡', 'cai'], ['余', 'yu'], ['杜', 'du'], ['叶', 'ye'], ['程', 'cheng'],
  ['苏', 'su'], ['魏', 'wei'], ['吕', 'lv'], ['丁', 'ding'], ['沈', 'shen'], ['姚', 'yao'], ['卢', 'lu'],
  ['钟', 'zhong'], ['汪', 'wang'], ['范', 'fan'], ['方', 'fang'], ['石', 'shi'], ['欧阳', 'ouyang'],
];
const GIVEN_NAMES_TWO = [
  '子涵', '欣怡', '梓萱', '雨桐', '思远', '佳琪', '晓东', '文静', '俊杰', '浩然', '宇轩', '鑫磊', '婷婷', '丽娟',
  '海燕', '志强', '建华', '明辉', '晓燕', '雪梅', '春梅', '玉兰', '秀英', '桂芳', '丹丹', '佳怡', '诗雨', '梦瑶',
  '鹏飞', '一帆', '心怡', '可欣', '安琪', '嘉欣', '雅琴', '晨曦', '俊宇', '博文', '天宇', '静怡', '晓雯', '思琪',
  '若曦', '文杰', '志伟', '国强', '美玲', '少华', '红霞', '艳芳', '家豪', '子健', '慧敏', '晓峰',
] as const;
const GIVEN_NAMES_ONE = ['磊', '静', '敏', '洋', '勇', '杰', '涛', '超', '芳', '燕', '婷', '丹', '倩', '颖', '琳', '鹏', '斌', '亮', '娜', '蕾'] as const;
const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '180', '181', '182', '183', '185', '186', '187', '188', '189',
] as const;
const SOURCES: readonly (readonly [string, number])[] = [
  ['BOSS直聘', 35],
  ['智联招聘', 20],
  ['前程无忧', 15],
  ['校园招聘', 15],
  ['内部推荐', 15],
];

const SCENARIO_BY_ID = new Map(DEMO_SCENARIOS.map((s) => [s.scenarioId, s]));
/** Optional scenarios per position, with how often each is drawn; required scenarios come on top. */
const OPTIONAL_SCENARIOS: Record<string, readonly (readonly [string, number])[]> = {
  'CS-GENERAL': [
    ['angry_escalation', 5],
    ['lost_parcel', 3],
    ['delayed_delivery', 3],
    ['return_dispute', 3],
    ['cross_department', 2],
  ],
  'CS-FRESH': [
    ['delayed_delivery', 4],
    ['angry_escalation', 3],
    ['return_dispute', 2],
    ['lost_parcel', 2],
    ['cross_department', 1],
  ],
};

/**
 * Deterministic demo payloads for the ingestion API: `count` candidates, one interview each,
 * spread over both demo positions and the last ten days (Beijing time), sorted by start time.
 */
export function buildDemoInterviews(options: DemoInterviewOptions = {}): InterviewResult[] {
  const count = options.count ?? DEMO_INTERVIEW_DEFAULTS.count;
  const seed = options.seed ?? DEMO_INTERVIEW_DEFAULTS.seed;
  const now = (options.now ?? new Date()).getTime();
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const rng = createRng(seed);

  const [general, fresh] = DEMO_POSITIONS;
  if (!general || !fresh) throw new Error('DEMO_POSITIONS needs two positions');
  const generalCount = Math.round(count * 0.6);
  const positions = rng.shuffle(Array.from({ length: count }, (_, i) => (i < generalCount ? general : fresh)));
  const tiers = rng.shuffle(stratify(TIER_MIX, count));
  // Own stream for times, so everything but the timestamps is the same whatever `now` is.
  const clock = createRng(seed ^ 0x9e3779b9);
  const startTimes = Array.from({ length: count }, () => pickStartTime(clock, now)).sort((a, b) => a - b);
  const people = makePeople(rng, count);
  let externalNumber = rng.int(100, 900);

  return startTimes.map((startedAtMs, index) => {
    externalNumber += rng.int(1, 37);
    const position = at(positions, index);
    const person = at(people, index);
    const candidate: CandidateInput = {
      externalId: `V-2026-${String(externalNumber).padStart(6, '0')}`,
      name: person.name,
      phone: person.phone,
      ...(person.email ? { email: person.email } : {}),
      source: rng.weighted(SOURCES),
      // The demo vendor collected consent to record, and told the candidate an AI scores the interview.
      consent: { recording: true, automatedAssessmentNotice: beijingIso(startedAtMs - 5 * 60_000) },
    };
    const ability = makeAbility(rng, at(tiers, index), position);
    const scenarios = chooseScenarios(rng, position).map((scenario) => answerScenario(rng, scenario, ability));
    const elapsedSec =
      rng.int(60, 180) + scenarios.reduce((sum, s) => sum + s.responseLatencySec + (s.durationSec ?? 0) + rng.int(15, 40), 0);
    return {
      interviewId: `aiv-${seed.toString(36)}-${String(index + 1).padStart(4, '0')}`,
      positionCode: position.code,
      candidate,
      startedAt: beijingIso(startedAtMs),
      completedAt: beijingIso(startedAtMs + Math.round(elapsedSec) * 1000),
      scenarios,
      report: buildReport(scenarios),
    };
  });
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

function clampScore(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** `count` values in the given proportions (largest remainders), unshuffled. */
function stratify<T>(mix: readonly (readonly [T, number])[], count: number): T[] {
  const exact = mix.map(([value, share]) => ({ value, exact: share * count, n: Math.floor(share * count) }));
  let missing = count - exact.reduce((sum, e) => sum + e.n, 0);
  for (const e of [...exact].sort((a, b) => (b.exact - b.n) - (a.exact - a.n))) {
    if (missing-- <= 0) break;
    e.n += 1;
  }
  return exact.flatMap((e) => Array.from({ length: e.n }, () => e.value));
}

/** A start time within the last ten days, during the vendor's interview hours (09:00–21:00 Beijing). */
function pickStartTime(rng: Rng, now: number): number {
  let t = now - rng.float(0.05, SPREAD_DAYS) * DAY_MS;
  const beijing = new Date(t + BEIJING_OFFSET_MS);
  const hour = beijing.getUTCHours();
  if (hour < 9 || hour >= 21) {
    beijing.setUTCHours(rng.int(9, 20), rng.int(0, 59), rng.int(0, 59));
    t = beijing.getTime() - BEIJING_OFFSET_MS;
    if (t > now - 3_600_000) t -= DAY_MS;
  }
  return Math.floor(t / 1000) * 1000;
}

function beijingIso(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

interface Person {
  name: string;
  phone: string;
  email?: string;
}

function makePeople(rng: Rng, count: number): Person[] {
  const names = new Set<string>();
  const phones = new Set<string>();
  const people: Person[] = [];
  while (people.length < count) {
    const [surname, pinyin] = rng.pick(SURNAMES);
    const name = surname + (rng.chance(0.2) ? rng.pick(GIVEN_NAMES_ONE) : rng.pick(GIVEN_NAMES_TWO));
    const phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
    // Unique names only while the name space is far from exhausted; phones always unique.
    if ((names.has(name) && names.size < 1000) || phones.has(phone)) continue;
    names.add(name);
    phones.add(phone);
    const person: Person = { name, phone };
    if (rng.chance(0.4)) {
      person.email = rng.chance(0.5)
        ? `${rng.int(10_000_000, 2_999_999_999)}@qq.com`
        : `${pinyin}${rng.int(80, 9999)}@${rng.pick(['163.com', '126.com', 'foxmail.com'])}`;
    }
    people.push(person);
  }
  return people;
}

type Ability = Record<Dimension, number>;

function makeAbility(rng: Rng, tier: Tier, position: DemoPosition): Ability {
  const mean = rng.normal(TIER_MEAN[tier], 2.5);
  const ability = {} as Ability;
  for (const dimension of DIMENSIONS) {
    ability[dimension] = Math.min(97, Math.max(25, rng.normal(mean, 5)));
  }
  if (tier === 'spiky') {
    // Good overall, one floor dimension clearly weak: the persona's floors matter.
    const weak: Dimension = position.code === 'CS-FRESH' && rng.chance(0.6) ? 'productKnowledge' : 'serviceAwareness';
    ability[weak] = rng.float(46, 56);
  }
  return ability;
}

/** 3–5 scenarios: the position's required ones, drawn optional ones, and whatever covers every weighted dimension. */
function chooseScenarios(rng: Rng, position: DemoPosition): DemoScenario[] {
  const required = position.model.requiredScenarios ?? [];
  const chosen = [...required];
  const target = rng.int(MIN_SCENARIOS, MAX_SCENARIOS);
  let pool = [...(OPTIONAL_SCENARIOS[position.code] ?? DEMO_SCENARIOS.map((s) => [s.scenarioId, 1] as const))].filter(
    ([id]) => !chosen.includes(id),
  );
  while (chosen.length < target && pool.length > 0) {
    const id = rng.weighted(pool);
    chosen.push(id);
    pool = pool.filter(([other]) => other !== id);
  }
  const weighted = weightedDimensions({ weights: position.model.weights });
  const uncovered = () => weighted.find((d) => !chosen.some((id) => scenarioById(id).dimensions.includes(d)));
  for (let missing = uncovered(); missing !== undefined; missing = uncovered()) {
    const dimension = missing;
    const cover = DEMO_SCENARIOS.find((s) => !chosen.includes(s.scenarioId) && s.dimensions.includes(dimension));
    if (!cover) throw new Error(`no demo scenario left that scores ${dimension}`);
    if (chosen.length >= MAX_SCENARIOS) {
      // Drop an optional scenario whose weighted dimensions the others also score.
      const replaceable = chosen.findLastIndex(
        (id) =>
          !required.includes(id) &&
          scenarioById(id).dimensions.every(
            (d) => !weighted.includes(d) || chosen.some((other) => other !== id && scenarioById(other).dimensions.includes(d)),
          ),
      );
      if (replaceable < 0) throw new Error(`cannot fit a scenario scoring ${dimension}`);
      chosen.splice(replaceable, 1);
    }
    chosen.push(cover.scenarioId);
  }
  return rng.shuffle(chosen.filter((id) => !required.includes(id)))
    .concat(required)
    .map(scenarioById);
}

function scenarioById(id: string): DemoScenario {
  const scenario = SCENARIO_BY_ID.get(id);
  if (!scenario) throw new Error(`unknown demo scenario ${id}`);
  return scenario;
}

function answerScenario(rng: Rng, scenario: DemoScenario, ability: Ability): ScenarioInput {
  const performance = scenario.dimensions.map((d) => [d, ability[d] + rng.normal(0, 5)] as const);
  const mean = performance.reduce((sum, [, p]) => sum + p, 0) / performance.length;
  const quality: AnswerQuality = mean >= 77 ? 'good' : mean >= 63 ? 'average' : 'poor';
  const scores: DimensionScores = {};
  for (const [dimension, p] of performance) {
    scores[dimension] = clampScore(0.65 * p + 0.35 * QUALITY_ANCHOR[quality] + rng.normal(0, 3));
  }
  const order = `${rng.int(1, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  const fill = (text: string) => text.replaceAll('{order}', order);
  const slowChance = quality === 'poor' ? 0.25 : quality === 'average' ? 0.1 : 0.03;
  const latency = rng.chance(slowChance)
    ? rng.float(31, 58)
    : quality === 'good' ? rng.float(3, 12) : quality === 'average' ? rng.float(5, 20) : rng.float(9, 25);
  const duration = quality === 'good' ? rng.int(60, 120) : quality === 'average' ? rng.int(40, 90) : rng.int(30, 60);
  const result: ScenarioInput = {
    scenarioId: scenario.scenarioId,
    title: scenario.title,
    prompt: fill(scenario.prompt),
    transcript: fill(rng.pick(scenario.answers[quality])),
    responseLatencySec: round(latency),
    durationSec: duration,
    scores,
  };
  if (scenario.scenarioId === 'angry_escalation' || rng.chance(0.45)) {
    const [low, high] = quality === 'good' ? [0.05, 0.25] : quality === 'average' ? [0.2, 0.45] : [0.4, 0.8];
    result.emotionVolatility = round(rng.float(low, high), 2);
  }
  return result;
}

const STRENGTH_PHRASES: Record<Dimension, string> = {
  communication: '表达清晰有条理，能先安抚情绪再说明处理方案',
  adaptability: '面对情绪激动或突发情况反应灵活，能及时调整沟通方式',
  serviceAwareness: '服务意识强，主动致歉并承诺明确的回访时间',
  productKnowledge: '熟悉售后与退换货规则，能准确说明处理时效和补偿政策',
  teamwork: '有主动协调内部资源的意识，愿意牵头跟进跨部门问题',
  problemSolving: '能给出具体可执行的解决方案，并提供多种选择',
};
const RISK_PHRASES: Record<Dimension, string> = {
  communication: '表达较为简单生硬，缺少对客户情绪的回应',
  adaptability: '面对客户施压时应对方式单一，容易陷入被动',
  serviceAwareness: '存在推诿倾向，较少主动致歉或承诺跟进',
  productKnowledge: '对售后规则和补偿政策掌握不足，回答不够准确',
  teamwork: '遇到跨部门问题倾向于让客户自行联系，协作意识不足',
  problemSolving: '未能给出明确的下一步措施和处理时限',
};

/** The vendor's narrative report, derived from the scenario scores (the vendor's view, not our model's). */
function buildReport(scenarios: readonly ScenarioInput[]): ReportInput {
  const byDimension = resolveDimensionScores(scenarios);
  const entries = (Object.entries(byDimension) as [Dimension, number][]).sort((a, b) => b[1] - a[1]);
  const average = round(entries.reduce((sum, [, s]) => sum + s, 0) / entries.length);
  const scenarioMeans = scenarios
    .map((s) => {
      const values = Object.values(s.scores);
      return { title: s.title, mean: Math.round(values.reduce((a, b) => a + b, 0) / values.length) };
    })
    .sort((a, b) => b.mean - a.mean);
  const best = at(scenarioMeans, 0);
  const worst = at(scenarioMeans, scenarioMeans.length - 1);

  const impression =
    average >= 80
      ? '表现优秀，服务流程完整，适合高峰期一线岗位'
      : average >= 70
        ? '表现良好，基本能按标准流程处理客户诉求'
        : average >= 60
          ? '表现一般，部分场景处理不够完整'
          : '表现偏弱，多个场景未能有效解决客户问题';
  let summary = `候选人完成${scenarios.length}个模拟场景（${scenarios.map((s) => s.title).join('、')}），各维度平均${average}分，整体${impression}。`;
  summary += `「${best.title}」场景表现最好（${best.mean}分）`;
  summary += worst.title === best.title ? '。' : `，「${worst.title}」场景得分最低（${worst.mean}分）。`;

  const latencies = scenarios.map((s) => s.responseLatencySec);
  const slow = latencies.filter((l) => l > LATENCY_THRESHOLD_SEC).length;
  const meanLatency = round(latencies.reduce((a, b) => a + b, 0) / latencies.length);
  const maxVolatility = Math.max(0, ...scenarios.map((s) => s.emotionVolatility ?? 0));

  const strengths = entries
    .filter(([, score]) => score >= 78)
    .slice(0, 3)
    .map(([d, score]) => `${DIMENSION_LABELS[d]}：${STRENGTH_PHRASES[d]}（${score}分）`);
  if (slow === 0 && meanLatency <= 12) strengths.push(`反应迅速，平均${meanLatency}秒开始作答`);

  const risks = entries
    .filter(([, score]) => score < 65)
    .reverse()
    .slice(0, 3)
    .map(([d, score]) => `${DIMENSION_LABELS[d]}：${RISK_PHRASES[d]}（${score}分）`);
  if (slow > 0) risks.push(`${slow}个场景作答等待超过${LATENCY_THRESHOLD_SEC}秒，反应速度偏慢`);
  if (maxVolatility >= 0.55) risks.push('面对情绪激动的客户时语气波动较大，需关注抗压能力');

  return { summary, strengths, risks };
}
