import { describe, expect, it } from 'vitest';
import { buildDemoInterviews } from './demoInterviews.js';
import {
  DEMO_RECORDING_BUDGET_BYTES,
  demoRecordingSeconds,
  planDemoRecordings,
  synthesizeSpeechLikeWav,
  wavByteLength,
} from './synthAudio.js';

function samplesOf(wav: Buffer): Int16Array {
  const data = wav.subarray(44);
  return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

function rms(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / samples.length);
}

describe('synthesizeSpeechLikeWav', () => {
  const wav = synthesizeSpeechLikeWav({ seconds: 6, seed: 42 });

  it('writes a RIFF/WAVE PCM 16-bit mono header with consistent lengths', () => {
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.toString('ascii', 12, 16)).toBe('fmt ');
    expect(wav.readUInt32LE(16)).toBe(16);
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt32LE(28)).toBe(16_000);
    expect(wav.readUInt16LE(32)).toBe(2);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.toString('ascii', 36, 40)).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(6 * 8000 * 2);
    expect(wav.length).toBe(44 + 6 * 8000 * 2);
    expect(wav.length).toBe(wavByteLength(6));
  });

  it('honours the sample rate and the duration', () => {
    const wide = synthesizeSpeechLikeWav({ seconds: 4.5, seed: 1, sampleRate: 16_000 });
    expect(wide.readUInt32LE(24)).toBe(16_000);
    expect(wide.readUInt32LE(28)).toBe(32_000);
    const samples = wide.readUInt32LE(40) / 2;
    expect(samples / 16_000).toBeCloseTo(4.5, 6);
  });

  it('is loud enough to hear, with syllables and pauses rather than a steady tone', () => {
    const samples = samplesOf(wav);
    expect(rms(samples)).toBeGreaterThan(1500);
    const window = 200; // 25 ms
    const levels: number[] = [];
    for (let i = 0; i + window <= samples.length; i += window) levels.push(rms(samples.subarray(i, i + window)));
    const loudest = Math.max(...levels);
    const quiet = levels.filter((l) => l < 0.05 * loudest).length / levels.length;
    const loud = levels.filter((l) => l > 0.3 * loudest).length / levels.length;
    expect(quiet).toBeGreaterThan(0.08);
    expect(loud).toBeGreaterThan(0.3);
  });

  it('is deterministic by seed', () => {
    expect(synthesizeSpeechLikeWav({ seconds: 6, seed: 42 }).equals(wav)).toBe(true);
    expect(synthesizeSpeechLikeWav({ seconds: 6, seed: 43 }).equals(wav)).toBe(false);
  });

  it('refuses impossible lengths and sample rates', () => {
    expect(() => synthesizeSpeechLikeWav({ seconds: 0, seed: 1 })).toThrow(RangeError);
    expect(() => synthesizeSpeechLikeWav({ seconds: 2, seed: 1, sampleRate: 100 })).toThrow(RangeError);
  });
});

describe('demo recordings', () => {
  it('lasts 4–8 seconds per recording and varies', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => demoRecordingSeconds(i));
    for (const seconds of lengths) {
      expect(seconds).toBeGreaterThanOrEqual(4);
      expect(seconds).toBeLessThanOrEqual(8);
    }
    expect(new Set(lengths).size).toBeGreaterThan(4);
  });

  it('records whole interviews of the default demo set, newest first, within the budget', () => {
    const interviews = buildDemoInterviews({ now: new Date('2026-03-15T12:00:00+08:00') });
    const plan = planDemoRecordings(interviews);
    const total = plan.reduce((sum, r) => sum + r.bytes, 0);
    expect(total).toBeLessThanOrEqual(DEMO_RECORDING_BUDGET_BYTES);
    expect(total).toBeLessThan(15 * 1024 * 1024);
    const recorded = new Set(plan.map((r) => r.interviewId));
    expect(recorded.size).toBeGreaterThanOrEqual(25);
    for (const interview of interviews) {
      const count = plan.filter((r) => r.interviewId === interview.interviewId).length;
      expect([0, interview.scenarios.length]).toContain(count);
    }
    const newest = interviews[interviews.length - 1];
    expect(newest && recorded.has(newest.interviewId)).toBe(true);
    const first = plan[0];
    if (!first) throw new Error('empty plan');
    expect(synthesizeSpeechLikeWav({ seconds: first.seconds, seed: first.seed }).length).toBe(first.bytes);
  });
});
