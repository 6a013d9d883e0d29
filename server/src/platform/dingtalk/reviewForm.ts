import type { FormComponent } from './port.js';

/**
 * The "AI面试结果审核" approval template. Instance values are matched to components by label, so the
 * labels below are the contract between `scripts/setup-approval-form.ts`, the sandbox seed and the
 * values the review workflow sends.
 */
export const REVIEW_FORM_NAME = 'AI面试结果审核';
export const REVIEW_FORM_DESCRIPTION = 'AI面试结果由系统自动发起，请业务主管审核：同意进入复试，拒绝为不通过；需要补充测试请拒绝并填写「补充测试：场景」。';

export const REVIEW_FORM_LABELS = {
  reviewId: '审核编号',
  candidate: '候选人',
  position: '应聘岗位',
  round: '面试轮次',
  overall: '综合得分',
  recommendation: 'AI建议',
  dimensions: '维度得分',
  latency: '响应时延',
  link: '候选人档案',
} as const;

type Label = keyof typeof REVIEW_FORM_LABELS;

const LONG: readonly Label[] = ['dimensions', 'latency'];

export const REVIEW_FORM_COMPONENTS: FormComponent[] = (Object.keys(REVIEW_FORM_LABELS) as Label[]).map((key) => ({
  componentType: LONG.includes(key) ? 'TextareaField' : 'TextField',
  props: { componentId: `${LONG.includes(key) ? 'TextareaField' : 'TextField'}-${key}`, label: REVIEW_FORM_LABELS[key], required: true },
}));

/** Form values in template order; the caller supplies one string per label. */
export function reviewFormValues(values: Record<Label, string>): { name: string; value: string }[] {
  return (Object.keys(REVIEW_FORM_LABELS) as Label[]).map((key) => ({ name: REVIEW_FORM_LABELS[key], value: values[key] }));
}

/** The review id an instance was started for, read back from its form values. */
export function reviewIdOf(formValues: { name: string; value: string }[]): string | null {
  return formValues.find((v) => v.name === REVIEW_FORM_LABELS.reviewId)?.value ?? null;
}
