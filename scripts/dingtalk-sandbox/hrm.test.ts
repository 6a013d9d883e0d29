import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, SANDBOX_DEFAULTS, type RunningSandbox } from './sandbox.js';

/** 智能人事 in the sandbox, in DingTalk's shapes: pre-entries, user by mobile, departures, and the control calls. */
describe('sandbox 智能人事', () => {
  let running: RunningSandbox;
  let token: string;

  beforeEach(async () => {
    running = await createSandbox().listen(0);
    const response = await fetch(`${running.url}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: SANDBOX_DEFAULTS.appKey, appSecret: SANDBOX_DEFAULTS.appSecret }),
    });
    token = ((await response.json()) as { accessToken: string }).accessToken;
  });
  afterEach(async () => {
    await running.close();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const oapi = (path: string, body: unknown) => api('POST', `${path}?access_token=${token}`, body);
  const control = (path: string, body: unknown) => api('POST', path, body);

  it('creates a pre-entry, lists it with its mobile, onboards it into a user found by mobile, and records a departure', async () => {
    const created = await api('POST', '/v1.0/hrm/preentries', { name: '刘晓燕', mobile: '13912345678', preEntryTime: 1765728000000, groups: [{ groupId: 'g', sections: [{ empFieldVOList: [{ fieldCode: 'customField-x', value: '1' }] }] }] });
    expect(created.status).toBe(200);
    const tmpUserId = created.body.tmpUserId as string;
    expect((await oapi('/topapi/smartwork/hrm/employee/querypreentry', { offset: 0, size: 50 })).body.result).toEqual({ data_list: [tmpUserId] });
    const roster = await oapi('/topapi/smartwork/hrm/employee/v2/list', { userid_list: tmpUserId, field_filter_list: 'sys00-mobile' });
    expect(roster.body.result[0].field_data_list).toEqual([expect.objectContaining({ field_code: 'sys00-mobile', field_value_list: [{ value: '13912345678', label: '13912345678' }] })]);
    expect((await oapi('/topapi/v2/user/getbymobile', { mobile: '13912345678' })).body.errcode).toBe(60121);

    const onboarded = await control(`/__sandbox/hrm/preentries/${tmpUserId}/onboard`, {});
    expect(onboarded.status).toBe(200);
    const userId = onboarded.body.userId as string;
    expect((await oapi('/topapi/v2/user/getbymobile', { mobile: '13912345678' })).body.result).toEqual({ userid: userId });
    expect((await oapi('/topapi/smartwork/hrm/employee/querypreentry', { offset: 0, size: 50 })).body.result.data_list).toEqual([]);

    expect((await control(`/__sandbox/hrm/employees/${userId}/leave`, { lastWorkDay: '2026-03-01', reason: 'passive' })).status).toBe(200);
    const departures = await api('GET', `/v1.0/hrm/employees/dimissionInfos?userIdList=${encodeURIComponent(JSON.stringify([userId, 'someone']))}`);
    expect(departures.body.result).toEqual([expect.objectContaining({ userId, status: 2, lastWorkDay: Date.parse('2026-03-01T00:00:00+08:00'), passiveReason: ['试用期不合格'], voluntaryReason: [] })]);
  });

  it('keeps the roster fields of a pre-entry as given, custom field codes included', async () => {
    const empFieldVOList = [
      { fieldCode: 'customField-aiModelVersion', value: 'v3' },
      { fieldCode: 'customField-aiTalentPool', value: '储备主管' },
    ];
    const created = await api('POST', '/v1.0/hrm/preentries', { name: '刘晓燕', mobile: '13912345678', groups: [{ groupId: 'customGroup', sections: [{ empFieldVOList }] }] });
    expect(created.status).toBe(200);
    const state = await api('GET', '/__sandbox/state');
    expect(state.body.preEntries).toEqual([
      expect.objectContaining({ tmpUserId: created.body.tmpUserId, fields: empFieldVOList.map((field) => ({ groupId: 'customGroup', ...field })) }),
    ]);
  });

  it('refuses a pre-entry for a mobile of the organisation with 系统繁忙', async () => {
    const refused = await api('POST', '/v1.0/hrm/preentries', { name: '李静', mobile: '13800000002' });
    expect(refused.status).toBe(500);
    expect(refused.body).toMatchObject({ code: 'systemError', message: '系统繁忙' });
  });

  it('refuses more than 50 user ids per departures read', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `u${i}`);
    const refused = await api('GET', `/v1.0/hrm/employees/dimissionInfos?userIdList=${encodeURIComponent(JSON.stringify(ids))}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalidParameter');
  });
});
