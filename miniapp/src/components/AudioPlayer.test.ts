import type { RecordingLink } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { getRecordingLink } from '../api/recordings';
import AudioPlayer from './AudioPlayer.vue';
import type { AudioTrack } from './audioTrack';

vi.mock('../api/recordings', async (original) => ({ ...(await original<typeof import('../api/recordings')>()), getRecordingLink: vi.fn() }));

const tracks: AudioTrack[] = [
  { id: 's1', title: '包裹丢失', durationMs: 60_000, averageScore: 82, lowest: false },
  { id: 's2', title: '投诉升级', durationMs: 95_000, averageScore: 58, lowest: true },
  { id: 's3', title: '退款纠纷', durationMs: null, averageScore: 70, lowest: false },
];

const linkMock = vi.mocked(getRecordingLink);
let issued = 0;
/** Links as the server signs them: numbered, so a renewed one differs from the last. */
const signedUrl = (id: string, n: number) => `/api/v1/recordings/${id}?u=sup_general&exp=${n}&sig=abc`;

function mountPlayer() {
  return mount(AudioPlayer, { props: { tracks }, attachTo: document.body });
}

describe('AudioPlayer', () => {
  beforeEach(() => {
    issued = 0;
    linkMock.mockReset();
    linkMock.mockImplementation(async (id: string): Promise<RecordingLink> => {
      issued += 1;
      return { url: signedUrl(id, issued), expiresAt: new Date(Date.now() + 300_000).toISOString() };
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('starts on the lowest-scoring scenario, highlighted in the list, with a link fetched for it', async () => {
    const wrapper = mountPlayer();
    await flushPromises();
    expect(linkMock.mock.calls.map(([id]) => id)).toEqual(['s2']);
    expect(wrapper.get('audio').attributes('src')).toBe(signedUrl('s2', 1));
    expect(wrapper.get('[data-testid="player-track"][data-active="true"]').attributes('data-track-id')).toBe('s2');
    expect(wrapper.get('[data-testid="player-track"][data-track-id="s2"]').text()).toContain('最低分');
    expect(wrapper.get('[data-testid="player-time"]').text()).toBe('0:00 / 1:35');
  });

  it('switches speed with the 1× / 1.5× / 2× buttons', async () => {
    const wrapper = mountPlayer();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    const speed = (value: string) => wrapper.get(`[data-testid="player-speed"][data-value="${value}"]`);

    await speed('1.5').trigger('click');
    expect(audio.playbackRate).toBe(1.5);
    expect(speed('1.5').attributes('aria-checked')).toBe('true');
    expect(speed('1').attributes('aria-checked')).toBe('false');
    expect(wrapper.get('[data-testid="audio-player"]').attributes('data-rate')).toBe('1.5');

    await speed('2').trigger('click');
    expect(audio.playbackRate).toBe(2);
    expect(audio.defaultPlaybackRate).toBe(2);
  });

  it('jumps to another scenario, fetches its link and plays it at the chosen speed', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const wrapper = mountPlayer();
    await flushPromises();
    await wrapper.get('[data-testid="player-speed"][data-value="2"]').trigger('click');

    await wrapper.get('[data-testid="player-track"][data-track-id="s1"]').trigger('click');
    await flushPromises();

    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(wrapper.get('audio').attributes('src')).toBe(signedUrl('s1', 2));
    expect(linkMock.mock.calls.map(([id]) => id)).toEqual(['s2', 's1']);
    expect(wrapper.get('[data-testid="audio-player"]').attributes('data-track-id')).toBe('s1');
    expect(play).toHaveBeenCalledTimes(1);
    expect(audio.playbackRate).toBe(2);
  });

  it('plays at once with a fresh link, and fetches a new one first when it expired', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const wrapper = mountPlayer();
    await flushPromises();

    await wrapper.get('[data-testid="player-toggle"]').trigger('click');
    await flushPromises();
    expect(play).toHaveBeenCalledTimes(1);
    expect(linkMock).toHaveBeenCalledTimes(1);

    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 300_000);
    await wrapper.get('[data-testid="player-toggle"]').trigger('click');
    await flushPromises();
    expect(linkMock).toHaveBeenCalledTimes(2);
    expect(wrapper.get('audio').attributes('src')).toBe(signedUrl('s2', 2));
    expect(play).toHaveBeenCalledTimes(2);
  });

  it('after a load error (an expired link mid-play) renews the link once and resumes where it stopped', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const wrapper = mountPlayer();
    await flushPromises();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    audio.dispatchEvent(new Event('play'));
    audio.currentTime = 42;
    audio.dispatchEvent(new Event('timeupdate'));

    audio.dispatchEvent(new Event('error'));
    await flushPromises();
    expect(wrapper.get('audio').attributes('src')).toBe(signedUrl('s2', 2));
    expect(wrapper.find('[data-testid="player-error"]').exists()).toBe(false);

    audio.dispatchEvent(new Event('loadedmetadata'));
    await flushPromises();
    expect(audio.currentTime).toBe(42);
    expect(play).toHaveBeenCalledTimes(1);
  });

  it('shows 录音加载失败 when the renewed link fails to load as well', async () => {
    const wrapper = mountPlayer();
    await flushPromises();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    audio.dispatchEvent(new Event('error'));
    await flushPromises();
    audio.dispatchEvent(new Event('error'));
    await flushPromises();
    expect(linkMock).toHaveBeenCalledTimes(2);
    expect(wrapper.get('[data-testid="player-error"]').text()).toBe('录音加载失败');
  });

  it('says why when no link can be had (e.g. out of scope)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    linkMock.mockRejectedValue(new ApiError(404, 'not_found', 'x'));
    const wrapper = mountPlayer();
    await flushPromises();
    expect(wrapper.find('audio').attributes('src')).toBeUndefined();
    expect(wrapper.get('[data-testid="player-error"]').text()).toBe('录音不存在或无权收听');
  });

  it('shows playing state from the media events and seeks with the bar', async () => {
    const wrapper = mountPlayer();
    await flushPromises();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    audio.dispatchEvent(new Event('play'));
    await flushPromises();
    expect(wrapper.get('[data-testid="audio-player"]').attributes('data-state')).toBe('playing');
    expect(wrapper.get('[data-testid="player-toggle"]').attributes('aria-label')).toBe('暂停');

    await wrapper.get('[data-testid="player-seek"]').setValue('30');
    expect(audio.currentTime).toBe(30);
    expect(wrapper.get('[data-testid="player-time"]').text()).toBe('0:30 / 1:35');
  });
});
