/** One scenario's recording, as the audio player lists it; the player fetches its short-lived link by `id`. */
export interface AudioTrack {
  /** The scenario result id (GET /api/v1/recordings/{id}/link). */
  id: string;
  title: string;
  durationMs: number | null;
  averageScore: number;
  lowest: boolean;
}

export const PLAYBACK_RATES = [1, 1.5, 2] as const;
