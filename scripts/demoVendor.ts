/**
 * A stand-in AI vendor for `npm start`: receives our signed supplementary-test requests (verified with
 * the webhook secret, bound to method and path, within the timestamp window) and, a few seconds later,
 * pushes the answering interview round back to the server, signed with the ingestion secret, with the
 * request's `requestId` — so the whole 补充测试 loop can be watched without a real vendor.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INGEST_LIMITS, SIGNATURE_HEADER, TIMESTAMP_HEADER, type InterviewResult } from '@aireview/shared';
import { signRequest, verifyRequest } from '../server/src/platform/signature.js';
import { buildDemoInterviews } from '../server/src/seed/demoInterviews.js';
import type { VendorSupplementaryRequest } from '../server/src/review/index.js';

const PROMPTS: Record<string, string> = {
  cross_department: '这个退款需要财务和仓库一起确认，你会怎么协调并答复客户？',
  complaint_escalation: '客户第三次来电投诉同一个问题，要求找你们领导，你怎么处理？',
  refund_dispute: '客户坚持商品有质量问题要求全额退款，但照片看不出问题，你怎么沟通？',
  emotional_customer: '客户情绪非常激动，一直在骂人，你先说什么？',
  product_knowledge: '客户追问这款商品的保质期和储存方式，你怎么回答？',
  multi_session: '你同时在接待三位客户，其中一位催促你快点回复，你怎么安排？',
};

export interface DemoVendorOptions {
  serverUrl: string;
  /** Signs the rounds pushed to our ingestion API (INGEST_SECRET). */
  ingestSecret: string;
  /** Verifies our supplementary-test webhook (VENDOR_WEBHOOK_SECRET). */
  webhookSecret: string;
  /** How long the "interview" takes before the result is pushed. */
  delayMs?: number;
  log?: (line: string) => void;
}

export interface RunningDemoVendor {
  url: string;
  close(): Promise<void>;
}

/** The answering round: a demo interview of the position, re-titled to the requested scenarios (a retake runs the whole interview again). */
export function answerFor(request: VendorSupplementaryRequest, now = new Date()): InterviewResult {
  const seed = Number.parseInt(request.requestId.replace(/[^0-9a-f]/gi, '').slice(0, 8) || '1', 16);
  const sample = buildDemoInterviews({ count: 8, seed, now }).find((i) => i.positionCode === request.positionCode) ?? buildDemoInterviews({ count: 1, seed, now })[0]!;
  const scenarios = sample.scenarios.map((scenario, index) => {
    const asked = request.scenarios[index];
    return asked ? { ...scenario, scenarioId: asked.scenarioId, title: asked.title, prompt: PROMPTS[asked.scenarioId] ?? scenario.prompt } : scenario;
  });
  return {
    ...sample,
    interviewId: `${request.kind === 'retake' ? 'RETAKE' : 'SUPP'}-${request.requestId}`,
    requestId: request.requestId,
    positionCode: request.positionCode,
    candidate: { externalId: request.candidate.externalId ?? `SUPP-${request.requestId}`, name: request.candidate.name },
    scenarios,
  };
}

export async function startDemoVendor(options: DemoVendorOptions): Promise<RunningDemoVendor> {
  const log = options.log ?? (() => {});
  const timers = new Set<NodeJS.Timeout>();
  const push = async (request: VendorSupplementaryRequest) => {
    const body = JSON.stringify(answerFor(request));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const url = new URL('/api/v1/interview-results', options.serverUrl);
    const signature = signRequest({ secret: options.ingestSecret, timestamp, method: 'POST', pathWithQuery: url.pathname + url.search, body });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature },
      body,
    });
    log(`demo vendor: pushed the ${request.kind === 'retake' ? 'retake' : 'supplementary'} round for ${request.requestId} → ${response.status}`);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const timestamp = String(req.headers[TIMESTAMP_HEADER] ?? '');
      const signature = String(req.headers[SIGNATURE_HEADER] ?? '');
      const fresh = /^\d{1,12}$/.test(timestamp) && Math.abs(Date.now() / 1000 - Number(timestamp)) <= INGEST_LIMITS.maxClockSkewSec;
      const signed = { secret: options.webhookSecret, timestamp, method: req.method ?? '', pathWithQuery: req.url ?? '', body: raw, signature };
      if (req.method !== 'POST' || !fresh || !verifyRequest(signed)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad_signature"}');
        return;
      }
      let request: VendorSupplementaryRequest;
      try {
        request = JSON.parse(raw.toString('utf8')) as VendorSupplementaryRequest;
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
      log(request.kind === 'retake' ? 'demo vendor: full retake requested' : `demo vendor: supplementary test requested (${request.scenarios.map((s) => s.title).join('、')})`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        push(request).catch((error: unknown) => log(`demo vendor: push failed: ${String(error)}`));
      }, options.delayMs ?? 3000);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/supplementary`,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
