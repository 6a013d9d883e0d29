import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ChipGroup from './ChipGroup.vue';

const options = [
  { value: 'a', label: '甲', testid: 'chip' },
  { value: 'b', label: '乙', testid: 'chip' },
  { value: 'c', label: '丙', testid: 'chip', disabled: true },
];

function mountGroup(props: Record<string, unknown> = {}) {
  return mount(ChipGroup, { props: { options, modelValue: 'a', ...props } });
}

const chip = (wrapper: ReturnType<typeof mountGroup>, value: string) => wrapper.get(`[data-testid="chip"][data-value="${value}"]`);

describe('ChipGroup', () => {
  it('is a radio group whose chosen chip is checked', () => {
    const wrapper = mountGroup();
    expect(wrapper.get('[role="radiogroup"]').findAll('[role="radio"]').map((c) => c.text())).toEqual(['甲', '乙', '丙']);
    expect(chip(wrapper, 'a').attributes('aria-checked')).toBe('true');
    expect(chip(wrapper, 'b').attributes('aria-checked')).toBe('false');
  });

  it('emits the value of the chip chosen', async () => {
    const wrapper = mountGroup();
    await chip(wrapper, 'b').trigger('click');
    expect(wrapper.emitted('update:modelValue')).toEqual([['b']]);
  });

  it('emits nothing for a disabled chip', async () => {
    const wrapper = mountGroup();
    expect(chip(wrapper, 'c').attributes('disabled')).toBeDefined();
    await chip(wrapper, 'c').trigger('click');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
  });

  it('keeps the choice when the chosen chip is clicked again, unless it has an empty value to clear to', async () => {
    const plain = mountGroup();
    await chip(plain, 'a').trigger('click');
    expect(plain.emitted('update:modelValue')).toBeUndefined();

    const clearable = mountGroup({ emptyValue: '' });
    await chip(clearable, 'a').trigger('click');
    expect(clearable.emitted('update:modelValue')).toEqual([['']]);
  });
});
