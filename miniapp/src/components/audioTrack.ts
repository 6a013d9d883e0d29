/** One scenario's recording, as the audio player lists it. */
export interface AudioTrack {
  id: string;
  title: string;
  src: string;
  durationMs: number | null;
  averageScore: number;
  lowest: boolean;
}

export const PLAYBACK_RATES = [1, 1.5, 2] as const;
