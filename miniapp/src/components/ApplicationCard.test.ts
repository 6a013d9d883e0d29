import type { ApplicationSummary } from '@aireview/shared';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ApplicationCard from './ApplicationCard.vue';

const application: ApplicationSummary = {
  applicationId: 'app-1',
  candidateId: 'c-1',
  candidateName: '张三',
  phone: null,
  source: 'BOSS直聘',
  positionCode: 'CS-GENERAL',
  positionName: '综合电商客服',
  stage: 'second_interview',
  overallScore: 82.4,
  recommendation: 'recommended',
  round: 1,
  batch: '2026-12-01',
  lastInterviewAt: '2026-12-01T02:00:00.000Z',
  reserveSupervisor: false,
};

describe('ApplicationCard', () => {
  it('tags a candidate in the 储备主管 pool', () => {
    expect(mount(ApplicationCard, { props: { application } }).find('[data-testid="reserve-supervisor-tag"]').exists()).toBe(false);
    const tagged = mount(ApplicationCard, { props: { application: { ...application, reserveSupervisor: true } } });
    expect(tagged.get('[data-testid="reserve-supervisor-tag"]').text()).toBe('储备主管');
  });
});
