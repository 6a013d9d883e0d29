import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SandboxUserPicker from './SandboxUserPicker.vue';

const users = [
  { userId: 'sup_general', name: '王主管', title: '客服主管', role: 'supervisor' as const },
  { userId: 'hr_li', name: '李招聘', title: null, role: 'hr' as const },
];

describe('SandboxUserPicker', () => {
  it('lists the demo users with their title and role', () => {
    const wrapper = mount(SandboxUserPicker, { props: { users } });
    const rows = wrapper.findAll('[data-testid="sandbox-user"]');
    expect(rows.map((r) => r.attributes('data-user-id'))).toEqual(['sup_general', 'hr_li']);
    expect(rows[0]!.text()).toContain('王主管');
    expect(rows[0]!.text()).toContain('客服主管');
    expect(rows[0]!.text()).toContain('业务主管');
    expect(rows[1]!.text()).toContain('HR');
  });

  it('emits the picked user', async () => {
    const wrapper = mount(SandboxUserPicker, { props: { users } });
    await wrapper.get('[data-testid="sandbox-user"][data-user-id="hr_li"]').trigger('click');
    expect(wrapper.emitted('pick')).toEqual([['hr_li']]);
  });

  it('ignores picks while a sign-in is under way', async () => {
    const wrapper = mount(SandboxUserPicker, { props: { users, busyUserId: 'sup_general' } });
    await wrapper.get('[data-testid="sandbox-user"][data-user-id="hr_li"]').trigger('click');
    expect(wrapper.emitted('pick')).toBeUndefined();
  });
});
