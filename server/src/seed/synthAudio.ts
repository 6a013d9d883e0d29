import type { InterviewResult } from '@aireview/shared';
import { createRng, mulberry32, seedFromText, type Rng } from './random.js';

export interface SpeechLikeWavOptions {
  seconds: number;
  seed: number;
  /** Default 8000 Hz (telephone quality, 16 KB per second). */
  sampleRate?: number;
}

export const WAV_HEADER_BYTES = 44;
export const DEFAULT_SAMPLE_RATE = 8000;

/** Size of a 16-bit mono PCM WAV file of the given length. */
export function wavByteLength(seconds: number, sampleRate = DEFAULT_SAMPLE_RATE): number {
  return WAV_HEADER_BYTES + Math.round(seconds * sampleRate) * 2;
}

/** Rough formant frequencies (Hz) of a few Mandarin vowels: a, i, u, e, o, ü. */
const VOWEL_FORMANTS: readonly (readonly [number, number, number])[] = [
  [800, 1200, 2600],
  [300, 2300, 3000],
  [350, 750, 2400],
  [500, 1700, 2500],
  [500, 900, 2500],
  [300, 1900, 2400],
];
const FORMANT_BANDWIDTHS = [90, 120, 170] as const;
const FORMANT_LEVELS = [1, 0.6, 0.3] as const;
const MAX_HARMONICS = 24;

/**
 * A speech-like RIFF/WAVE file (PCM 16-bit mono): phrases of syllables at about 4 per second,
 * each a pitch-contoured harmonic tone (Mandarin-like tones) shaped by vowel formants, with
 * consonant noise bursts, pauses between phrases and a faint noise floor. Deterministic by seed.
 */
export function synthesizeSpeechLikeWav(options: SpeechLikeWavOptions): Buffer {
  const { seconds, seed } = options;
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  if (!(seconds > 0 && seconds <= 600)) throw new RangeError(`seconds must be in (0, 600], got ${seconds}`);
  if (!Number.isInteger(sampleRate) || sampleRate < 4000 || sampleRate > 48_000) {
    throw new RangeError(`sampleRate must be an integer in [4000, 48000], got ${sampleRate}`);
  }
  const rng = createRng(seed);
  const signal = new Float64Array(Math.round(seconds * sampleRate));
  const baseF0 = rng.chance(0.6) ? rng.float(180, 250) : rng.float(95, 140);

  let t = rng.float(0.1, 0.3);
  while (t < seconds - 0.3) {
    const syllables = rng.int(4, 11);
    for (let s = 0; s < syllables; s++) {
      const duration = rng.float(0.16, 0.32);
      if (t + duration > seconds - 0.05) break;
      const declination = 1 - (0.15 * s) / syllables;
      addSyllable(signal, sampleRate, rng, { start: t, duration, f0: baseF0 * declination });
      t += duration + rng.float(0.01, 0.05);
    }
    t += rng.float(0.25, 0.6);
  }

  let peak = 0;
  for (let i = 0; i < signal.length; i++) {
    signal[i] = (signal[i] ?? 0) + rng.float(-0.004, 0.004);
    peak = Math.max(peak, Math.abs(signal[i] ?? 0));
  }
  const gain = peak > 0 ? 0.7 / peak : 0;
  return encodeWav(signal, sampleRate, gain);
}

interface Syllable {
  start: number;
  duration: number;
  f0: number;
}

function addSyllable(signal: Float64Array, sampleRate: number, rng: Rng, syllable: Syllable): void {
  let cursor = Math.round(syllable.start * sampleRate);
  // Consonant onset: a short burst of noise.
  if (rng.chance(0.7)) {
    const burst = Math.round(rng.float(0.02, 0.05) * sampleRate);
    const level = rng.float(0.08, 0.2);
    let previous = 0;
    for (let i = 0; i < burst && cursor + i < signal.length; i++) {
      const white = rng.float(-1, 1);
      signal[cursor + i] = (signal[cursor + i] ?? 0) + level * (white - previous) * Math.sin((Math.PI * i) / burst);
      previous = white;
    }
    cursor += burst;
  }

  const length = Math.round(syllable.duration * sampleRate);
  const tone = rng.int(1, 4);
  const formants = rng.pick(VOWEL_FORMANTS);
  const amplitude = rng.float(0.6, 1);
  const harmonics = Math.min(MAX_HARMONICS, Math.floor((0.45 * sampleRate) / (syllable.f0 * 1.3)));
  const gains: number[] = [];
  let gainSum = 0;
  for (let k = 1; k <= harmonics; k++) {
    const frequency = k * syllable.f0;
    let g = 0;
    formants.forEach((formant, f) => {
      const offset = (frequency - formant) / (FORMANT_BANDWIDTHS[f] ?? 150);
      g += (FORMANT_LEVELS[f] ?? 0.3) / (1 + offset * offset);
    });
    g += 0.05 / k; // glottal tilt so the fundamental is always present
    gains.push(g);
    gainSum += g;
  }

  let phase = rng.float(0, 2 * Math.PI);
  for (let i = 0; i < length && cursor + i < signal.length; i++) {
    const x = i / length;
    const f0 = syllable.f0 * toneContour(tone, x) * (1 + 0.01 * Math.sin(2 * Math.PI * 5.5 * (i / sampleRate)));
    phase = (phase + (2 * Math.PI * f0) / sampleRate) % (2 * Math.PI);
    let sample = 0;
    for (let k = 0; k < gains.length; k++) sample += (gains[k] ?? 0) * Math.sin((k + 1) * phase);
    const envelope = Math.min(1, x / 0.12) * Math.pow(Math.sin(Math.PI * Math.min(1, 0.15 + 0.85 * x)), 0.5);
    signal[cursor + i] = (signal[cursor + i] ?? 0) + (amplitude * envelope * sample) / gainSum;
  }
}

/** Pitch multiplier over a syllable (x in 0..1) for the four Mandarin tones. */
function toneContour(tone: number, x: number): number {
  switch (tone) {
    case 1:
      return 1.1;
    case 2:
      return 0.9 + 0.3 * x;
    case 3:
      return 0.95 - 0.25 * Math.sin(Math.PI * x);
    default:
      return 1.25 - 0.45 * x;
  }
}

function encodeWav(signal: Float64Array, sampleRate: number, gain: number): Buffer {
  const dataBytes = signal.length * 2;
  const buffer = Buffer.alloc(WAV_HEADER_BYTES + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16); // fmt chunk size
  buffer.writeUInt16LE(1, 20); // PCM
  buffer.writeUInt16LE(1, 22); // mono
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28); // byte rate
  buffer.writeUInt16LE(2, 32); // block align
  buffer.writeUInt16LE(16, 34); // bits per sample
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < signal.length; i++) {
    const value = Math.round((signal[i] ?? 0) * gain * 32767);
    buffer.writeInt16LE(Math.max(-32768, Math.min(32767, value)), WAV_HEADER_BYTES + i * 2);
  }
  return buffer;
}

/** Length of the index-th demo recording: 4–8 s in half-second steps, deterministic. */
export function demoRecordingSeconds(index: number): number {
  return 4 + Math.floor(mulberry32(0x5eed0000 + index)() * 9) / 2;
}

/** Default budget of all demo recordings together (12 MiB at 8 kHz ≈ 13 minutes of audio). */
export const DEMO_RECORDING_BUDGET_BYTES = 12 * 1024 * 1024;

export interface DemoRecording {
  interviewId: string;
  scenarioId: string;
  seconds: number;
  /** Seed for `synthesizeSpeechLikeWav`, stable per interview + scenario. */
  seed: number;
  bytes: number;
}

/**
 * Which demo scenarios get a recording: whole interviews, most recent first, until the next
 * interview would exceed the byte budget. Older interviews keep transcripts only.
 */
export function planDemoRecordings(
  interviews: readonly Pick<InterviewResult, 'interviewId' | 'startedAt' | 'scenarios'>[],
  options: { maxTotalBytes?: number; sampleRate?: number } = {},
): DemoRecording[] {
  const budget = options.maxTotalBytes ?? DEMO_RECORDING_BUDGET_BYTES;
  const sampleRate = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  const newestFirst = [...interviews].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const plan: DemoRecording[] = [];
  let total = 0;
  for (const interview of newestFirst) {
    const recordings = interview.scenarios.map((scenario, i) => {
      const seconds = demoRecordingSeconds(plan.length + i);
      return {
        interviewId: interview.interviewId,
        scenarioId: scenario.scenarioId,
        seconds,
        seed: seedFromText(`${interview.interviewId}/${scenario.scenarioId}`),
        bytes: wavByteLength(seconds, sampleRate),
      };
    });
    const bytes = recordings.reduce((sum, r) => sum + r.bytes, 0);
    if (total + bytes > budget) break;
    plan.push(...recordings);
    total += bytes;
  }
  return plan;
}
