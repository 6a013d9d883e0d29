import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PerformanceImportPage from './PerformanceImportPage.vue';

const api = vi.hoisted(() => ({ uploadPerformanceFile: vi.fn(), performanceFileType: vi.fn((name: string) => (/\.(csv|xlsx)$/i.test(name) ? 'text/csv' : null)) }));
vi.mock('../../api/performance', () => api);

beforeEach(() => api.uploadPerformanceFile.mockReset());

async function choose(wrapper: ReturnType<typeof mount>, file: File) {
  const input = wrapper.get('[data-testid="performance-file"]');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
}

describe('PerformanceImportPage', () => {
  it('uploads the chosen sheet and shows accepted, unchanged and rejected rows by sheet row', async () => {
    api.uploadPerformanceFile.mockResolvedValue({
      accepted: 3,
      replayed: 1,
      rejected: [
        { index: 3, row: 5, code: 'unknown_employee', message: '没有找到对应的已录用员工' },
        { index: 4, row: 6, code: 'invalid_record', message: '记录不符合要求', details: [{ path: 'satisfaction', message: 'Too big' }] },
      ],
    });
    const wrapper = mount(PerformanceImportPage);
    expect(wrapper.get('[data-testid="performance-upload"]').attributes('disabled')).toBeDefined();
    const file = new File(['工号,月份,满意度\n'], '六月绩效.csv');
    await choose(wrapper, file);
    expect(wrapper.get('[data-testid="performance-file-name"]').text()).toBe('六月绩效.csv');
    await wrapper.get('[data-testid="performance-upload"]').trigger('click');
    await flushPromises();
    expect(api.uploadPerformanceFile).toHaveBeenCalledWith(file);
    expect(wrapper.get('[data-testid="report-accepted"]').text()).toBe('3');
    expect(wrapper.get('[data-testid="report-replayed"]').text()).toBe('1');
    expect(wrapper.get('[data-testid="report-rejected"]').text()).toBe('2');
    const rows = wrapper.findAll('[data-testid="report-rejected-row"]').map((r) => r.text());
    expect(rows[0]).toContain('第 5 行');
    expect(rows[0]).toContain('找不到对应的已录用员工');
    expect(rows[1]).toContain('第 6 行');
    expect(rows[1]).toContain('satisfaction：Too big');
  });

  it('does not take a file that is neither CSV nor xlsx', async () => {
    const wrapper = mount(PerformanceImportPage);
    await choose(wrapper, new File(['x'], '绩效.pdf'));
    expect(wrapper.get('[data-testid="performance-file-name"]').text()).toBe('未选择文件');
    expect(wrapper.get('[data-testid="performance-upload"]').attributes('disabled')).toBeDefined();
  });
});
