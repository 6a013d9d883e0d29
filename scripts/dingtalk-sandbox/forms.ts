import { apiError, isRecord } from './http.js';
import { randomId, type FormTemplate, type SandboxState } from './state.js';

/** Approval form templates: `POST /v1.0/workflow/forms` (FormCreate) and the schema query (DINGTALK.md §3.6). */

export const COMPONENT_TYPES = [
  'TextField',
  'TextareaField',
  'NumberField',
  'MoneyField',
  'DDSelectField',
  'DDMultiSelectField',
  'DDDateField',
  'DDDateRangeField',
  'TextNote',
  'PhoneField',
  'DDPhotoField',
  'DDAttachment',
  'TableField',
  'InnerContactField',
  'DepartmentField',
  'RelateField',
  'AddressField',
  'StarRatingField',
] as const;

export function newProcessCode(): string {
  return `PROC-${randomId(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}-${randomId(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
}

/** Creates a template, or updates it when `processCode` is given. Returns the process code. */
export function saveForm(state: SandboxState, now: number, input: Record<string, unknown>): string {
  const { name, description, processCode, formComponents, templateConfig } = input;
  if (typeof name !== 'string' || name === '' || name.length > 200) throw apiError(400, 'invalidParameter', 'name is mandatory (≤200 chars)');
  if (description !== undefined && (typeof description !== 'string' || description.length > 300)) {
    throw apiError(400, 'invalidParameter', 'description must be a string (≤300 chars)');
  }
  if (!Array.isArray(formComponents) || formComponents.length === 0 || formComponents.length > 200) {
    throw apiError(400, 'invalidParameter', 'formComponents is mandatory (1..200 components)');
  }
  const components = formComponents.map((component, index) => normalizeComponent(component, index));
  const sameName = [...state.forms.values()].find((form) => form.name === name);

  if (processCode !== undefined && processCode !== null && processCode !== '') {
    const existing = typeof processCode === 'string' ? state.forms.get(processCode) : undefined;
    if (!existing) throw apiError(400, 'processcode.error', `processCode ${String(processCode)} 不存在`);
    if (sameName && sameName.processCode !== existing.processCode) throw apiError(400, 'formName.error', '表单名称已存在');
    Object.assign(existing, {
      name,
      description: description as string | undefined,
      formComponents: components,
      templateConfig: isRecord(templateConfig) ? templateConfig : existing.templateConfig,
      updatedAt: now,
    });
    return existing.processCode;
  }

  if (sameName) throw apiError(400, 'formName.error', '表单名称已存在');
  const form: FormTemplate = {
    processCode: newProcessCode(),
    name,
    description: description as string | undefined,
    formComponents: components,
    templateConfig: isRecord(templateConfig) ? templateConfig : undefined,
    createdAt: now,
    updatedAt: now,
  };
  state.forms.set(form.processCode, form);
  return form.processCode;
}

function normalizeComponent(component: unknown, index: number): FormTemplate['formComponents'][number] {
  if (!isRecord(component) || typeof component.componentType !== 'string' || !isRecord(component.props)) {
    throw apiError(400, 'invalidParameter', `formComponents[${index}] needs componentType and props`);
  }
  if (!(COMPONENT_TYPES as readonly string[]).includes(component.componentType)) {
    throw apiError(400, 'illegalComponent', `不支持的控件类型: ${component.componentType}`);
  }
  const props = { ...component.props };
  if (component.componentType !== 'TextNote' && (typeof props.label !== 'string' || props.label === '')) {
    throw apiError(400, 'invalidParameter', `formComponents[${index}].props.label is mandatory`);
  }
  if (typeof props.componentId !== 'string' || props.componentId === '') props.componentId = `${component.componentType}-${randomId(8)}`;
  return { componentType: component.componentType, props, children: Array.isArray(component.children) ? component.children : undefined };
}

/** `GET /v1.0/workflow/forms/schemas/processCodes` result, in the SDK's QuerySchemaByProcessCode shape. */
export function presentSchema(form: FormTemplate) {
  return {
    name: form.name,
    memo: form.description ?? '',
    icon: '',
    gmtCreate: new Date(form.createdAt).toISOString(),
    gmtModified: new Date(form.updatedAt).toISOString(),
    schemaContent: {
      title: form.name,
      icon: '',
      items: form.formComponents.map((component) => ({
        componentName: component.componentType,
        props: presentProps(component.props),
      })),
    },
  };
}

function presentProps(props: Record<string, unknown>) {
  const out: Record<string, unknown> = { id: props.componentId, label: props.label ?? '' };
  if (typeof props.required === 'boolean') out.required = props.required;
  if (typeof props.disabled === 'boolean') out.disabled = props.disabled;
  for (const key of ['placeholder', 'bizAlias', 'format', 'unit'] as const) {
    if (typeof props[key] === 'string') out[key] = props[key];
  }
  if (Array.isArray(props.options)) out.options = props.options.map((option) => JSON.stringify(option));
  return out;
}

/** Labels that instance values may use, and which of them are required. */
export function formLabels(form: FormTemplate): { labels: Set<string>; required: string[] } {
  const labels = new Set<string>();
  const required: string[] = [];
  for (const { componentType, props } of form.formComponents) {
    if (componentType === 'TextNote' || typeof props.label !== 'string') continue;
    labels.add(props.label);
    if (props.required === true) required.push(props.label);
  }
  return { labels, required };
}
