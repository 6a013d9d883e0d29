import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import AudioPlayer from './AudioPlayer.vue';
import type { AudioTrack } from './audioTrack';

const tracks: AudioTrack[] = [
  { id: 's1', title: '包裹丢失', src: '/api/v1/recordings/s1', durationMs: 60_000, averageScore: 82, lowest: false },
  { id: 's2', title: '投诉升级', src: '/api/v1/recordings/s2', durationMs: 95_000, averageScore: 58, lowest: true },
  { id: 's3', title: '退款纠纷', src: '/api/v1/recordings/s3', durationMs: null, averageScore: 70, lowest: false },
];

function mountPlayer() {
  return mount(AudioPlayer, { props: { tracks }, attachTo: document.body });
}

describe('AudioPlayer', () => {
  it('starts on the lowest-scoring scenario, highlighted in the list', () => {
    const wrapper = mountPlayer();
    expect(wrapper.get('audio').attributes('src')).toBe('/api/v1/recordings/s2');
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

  it('jumps to another scenario and plays it at the chosen speed', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const wrapper = mountPlayer();
    await wrapper.get('[data-testid="player-speed"][data-value="2"]').trigger('click');

    await wrapper.get('[data-testid="player-track"][data-track-id="s1"]').trigger('click');
    await flushPromises();

    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(wrapper.get('audio').attributes('src')).toBe('/api/v1/recordings/s1');
    expect(wrapper.get('[data-testid="audio-player"]').attributes('data-track-id')).toBe('s1');
    expect(play).toHaveBeenCalled();
    expect(audio.playbackRate).toBe(2);
    play.mockRestore();
  });

  it('shows playing state from the media events and seeks with the bar', async () => {
    const wrapper = mountPlayer();
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
