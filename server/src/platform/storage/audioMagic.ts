import type { RecordingContentType } from '@aireview/shared';

const ascii = (buf: Buffer, offset: number, text: string) => buf.subarray(offset, offset + text.length).toString('latin1') === text;

/** Does the file start the way the declared audio type must? */
export function matchesAudioType(contentType: RecordingContentType, buf: Buffer): boolean {
  if (buf.length < 12) return false;
  const b0 = buf[0] ?? 0;
  const b1 = buf[1] ?? 0;
  switch (contentType) {
    case 'audio/mpeg':
      return ascii(buf, 0, 'ID3') || (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0);
    case 'audio/aac':
      return ascii(buf, 0, 'ADIF') || (b0 === 0xff && (b1 & 0xf6) === 0xf0);
    case 'audio/mp4':
      return ascii(buf, 4, 'ftyp');
    case 'audio/wav':
      return ascii(buf, 0, 'RIFF') && ascii(buf, 8, 'WAVE');
    case 'audio/webm':
      return b0 === 0x1a && b1 === 0x45 && buf[2] === 0xdf && buf[3] === 0xa3;
    case 'audio/ogg':
      return ascii(buf, 0, 'OggS');
  }
}
