/* eslint-disable @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import {
  callSim,
  logIn,
  rawRequest,
  waitFor,
  type SimAnswer,
} from '../../support/simulator-client';

const TERMINAL = ['Completed', 'Warning', 'Error', 'Terminated', 'Killed'];

describe('simulator tasks', () => {
  let sim: SimulatorHandle;
  let slow: SimulatorHandle;
  let absolute: SimulatorHandle;
  let token: string;
  let slowToken: string;

  beforeAll(async () => {
    [sim, slow, absolute] = await Promise.all([
      startSimulator({ taskMs: 300, backupMb: 3 }),
      startSimulator({ id: 'sim-slow', taskMs: 60_000 }),
      startSimulator({ id: 'sim-abs', taskMs: 300, absoluteLocation: true }),
    ]);
    [token, slowToken] = await Promise.all([logIn(sim), logIn(slow)]);
  });

  afterAll(async () => {
    await Promise.all([sim.close(), slow.close(), absolute.close()]);
  });

  afterEach(() => sim.reset());

  const firstUri = async (target: SimulatorHandle, path: string, auth: string): Promise<string> =>
    (await callSim(target, `${path}?count=1`, { token: auth })).json.members[0].uri as string;

  const untilTerminal = (location: string, version = 800): Promise<SimAnswer> =>
    waitFor(async () => {
      const task = await callSim(sim, location, { token, version });
      return TERMINAL.includes(task.json.taskState) ? task : undefined;
    });

  it('answers a power change with 202, the task in Location and in the body', async () => {
    const server = await firstUri(sim, '/rest/server-hardware', token);
    const name = (await callSim(sim, server, { token })).json.name as string;

    const answer = await callSim(sim, `${server}/powerState`, {
      method: 'PUT',
      token,
      body: { powerState: 'Off', powerControl: 'PressAndHold' },
    });

    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe(answer.json.uri);
    expect(answer.json).toEqual({
      type: 'TaskResourceV2',
      uri: expect.stringMatching(/^\/rest\/tasks\/[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/),
      category: 'tasks',
      name: 'Power off',
      description: null,
      owner: 'Administrator',
      taskType: 'User',
      userInitiated: true,
      hidden: false,
      isCancellable: false,
      taskState: 'Starting',
      taskStatus: `Power off ${name}.`,
      stateReason: 'Starting',
      percentComplete: 0,
      computedPercentComplete: 0,
      completedSteps: 1,
      totalSteps: 2,
      expectedDuration: 1,
      associatedResource: {
        resourceName: name,
        resourceUri: server,
        resourceCategory: 'server-hardware',
        associationType: 'MANAGED_BY',
      },
      associatedTaskUri: null,
      parentTaskUri: null,
      progressUpdates: [
        {
          timestamp: answer.json.created,
          statusUpdate: 'Power off requested.',
          id: expect.any(Number),
        },
      ],
      taskErrors: [],
      taskOutput: [],
      data: null,
      eTag: '1',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      modified: answer.json.created,
    });
  });

  it('runs a task through Running with rising progress to Completed at 100 %, then applies it', async () => {
    const server = await firstUri(sim, '/rest/server-hardware', token);
    const started = await callSim(sim, `${server}/powerState`, {
      method: 'PUT',
      token,
      body: { powerState: 'Off' },
    });
    const location = started.headers.get('location')!;

    const running = await waitFor(async () => {
      const task = await callSim(sim, location, { token });
      return task.json.taskState === 'Running' ? task : undefined;
    });
    const done = await untilTerminal(location);

    const percent = running.json.percentComplete as number;
    const steps = running.json.completedSteps as number;
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    expect(running.json).toEqual({
      ...started.json,
      taskState: 'Running',
      stateReason: 'Running',
      percentComplete: percent,
      computedPercentComplete: percent,
      completedSteps: steps,
      progressUpdates: started.json.progressUpdates
        .concat([
          {
            timestamp: expect.any(String),
            statusUpdate: expect.any(String),
            id: expect.any(Number),
          },
        ])
        .slice(0, steps),
      eTag: String(1 + percent),
      modified: expect.any(String),
    });
    expect(done.json).toEqual({
      type: 'TaskResourceV2',
      uri: location,
      category: 'tasks',
      name: 'Power off',
      description: null,
      owner: 'Administrator',
      taskType: 'User',
      userInitiated: true,
      hidden: false,
      isCancellable: false,
      taskState: 'Completed',
      taskStatus: expect.stringContaining('completed'),
      stateReason: 'Completed',
      percentComplete: 100,
      computedPercentComplete: 100,
      completedSteps: 2,
      totalSteps: 2,
      expectedDuration: 1,
      associatedResource: started.json.associatedResource,
      associatedTaskUri: null,
      parentTaskUri: null,
      progressUpdates: [
        {
          timestamp: started.json.created,
          statusUpdate: 'Power off requested.',
          id: expect.any(Number),
        },
        { timestamp: expect.any(String), statusUpdate: expect.any(String), id: expect.any(Number) },
      ],
      taskErrors: [],
      taskOutput: [],
      data: null,
      eTag: '101',
      created: started.json.created,
      modified: expect.any(String),
    });
    expect(done.headers.get('etag')).toBe('101');
    expect((await callSim(sim, server, { token })).json.powerState).toBe('Off');
  });

  it('ends tasks in Error with taskErrors, or in Warning without, when taskOutcome says so', async () => {
    const server = await firstUri(sim, '/rest/server-hardware', token);
    const before = (await callSim(sim, server, { token })).json.powerState as string;
    const target = before === 'On' ? 'Off' : 'On';

    sim.faults({ taskOutcome: 'Error' });
    const failing = await callSim(sim, `${server}/powerState`, {
      method: 'PUT',
      token,
      body: { powerState: target },
    });
    sim.faults({ taskOutcome: 'Warning' });
    const warning = await callSim(sim, '/rest/backups', { method: 'POST', token });

    const failed = (await untilTerminal(failing.headers.get('location')!)).json;
    const warned = (await untilTerminal(warning.headers.get('location')!)).json;

    expect(failed).toMatchObject({
      taskState: 'Error',
      percentComplete: 100,
      stateReason: 'ValidationError',
    });
    expect(failed.taskErrors).toEqual([
      {
        errorCode: 'POWER_STATE_CHANGE_FAILED',
        message: failed.taskStatus,
        details: expect.any(String),
        recommendedActions: [expect.any(String)],
        nestedErrors: [],
        errorSource: server,
        data: {},
      },
    ]);
    expect((await callSim(sim, server, { token })).json.powerState).toBe(before);
    expect(warned).toMatchObject({ taskState: 'Warning', percentComplete: 100, taskErrors: [] });
  });

  it('creates a profile whose associatedResource can be fetched once the task completes', async () => {
    const started = await callSim(sim, '/rest/server-profiles', {
      method: 'POST',
      token,
      body: { type: 'ServerProfileV9', name: 'web-99', description: 'made by a test' },
    });
    const profileUri = started.json.associatedResource.resourceUri as string;
    const before = await callSim(sim, profileUri, { token });

    const done = await untilTerminal(started.headers.get('location')!);
    const profile = await callSim(sim, profileUri, { token });

    expect([started.status, done.json.name, before.status]).toEqual([202, 'Create', 404]);
    expect(profile.json).toMatchObject({
      type: 'ServerProfileV9',
      name: 'web-99',
      description: 'made by a test',
      uri: profileUri,
    });
  });

  it('names a profile delete task Delete and removes the profile', async () => {
    const profile = (
      await callSim(sim, await firstUri(sim, '/rest/server-profiles', token), { token })
    ).json;

    const started = await callSim(sim, profile.uri, { method: 'DELETE', token, body: {} });
    const done = await untilTerminal(started.headers.get('location')!);

    expect(done.json).toMatchObject({ name: 'Delete', taskState: 'Completed' });
    expect((await callSim(sim, profile.uri, { token })).status).toBe(404);
    expect(
      (await callSim(sim, profile.serverHardwareUri, { token })).json.serverProfileUri,
    ).toBeNull();
  });

  it('updates a profile through a task only with its current ETag', async () => {
    const profile = (
      await callSim(sim, await firstUri(sim, '/rest/server-profiles', token), { token })
    ).json;

    const stale = await callSim(sim, profile.uri, {
      method: 'PUT',
      token,
      body: { ...profile, eTag: '1/1' },
    });
    const started = await callSim(sim, profile.uri, {
      method: 'PUT',
      token,
      body: { ...profile, name: 'renamed' },
    });
    await untilTerminal(started.headers.get('location')!);
    const after = (await callSim(sim, profile.uri, { token })).json;

    expect(stale.status).toBe(412);
    expect(started.json.name).toBe('Update');
    expect(after.name).toBe('renamed');
    expect(after.eTag).not.toBe(profile.eTag);
  });

  it('creates, updates and deletes ethernet networks', async () => {
    const created = await callSim(sim, '/rest/ethernet-networks', {
      method: 'POST',
      token,
      body: { name: 'Test-VLAN-42', vlanId: 42, ethernetNetworkType: 'Tagged', purpose: 'General' },
    });
    await untilTerminal(created.headers.get('location')!);
    const uri = created.json.associatedResource.resourceUri as string;
    const network = (await callSim(sim, uri, { token })).json;

    const updated = await callSim(sim, uri, {
      method: 'PUT',
      token,
      body: { ...network, purpose: 'Management' },
    });
    const deleted = await callSim(sim, uri, {
      method: 'DELETE',
      token,
      headers: { 'If-Match': '*' },
    });
    await untilTerminal(deleted.headers.get('location')!);

    expect(network).toMatchObject({ name: 'Test-VLAN-42', vlanId: 42 });
    expect([updated.status, updated.json.purpose]).toEqual([200, 'Management']);
    expect(deleted.json.name).toBe('Delete');
    expect((await callSim(sim, uri, { token })).status).toBe(404);
  });

  it('cancels a running task with PATCH: Cancelling, then Terminated at 100 %', async () => {
    const started = await callSim(slow, '/rest/server-profiles', {
      method: 'POST',
      token: slowToken,
      body: { name: 'slow' },
    });
    const location = started.headers.get('location')!;
    const body = [{ op: 'replace', path: '/taskState', value: 'Cancelling' }];
    const headers = { 'Content-Type': 'application/json-patch+json' };

    const cancelling = await callSim(slow, location, {
      method: 'PATCH',
      version: 1200,
      token: slowToken,
      body,
      headers,
    });
    const terminated = await waitFor(async () => {
      const task = await callSim(slow, location, { version: 1200, token: slowToken });
      return task.json.taskState === 'Terminated' ? task : undefined;
    });
    const again = await callSim(slow, location, {
      method: 'PATCH',
      version: 1200,
      token: slowToken,
      body,
      headers,
    });

    expect(cancelling.json).toMatchObject({
      type: 'TaskResourceV3',
      taskState: 'Cancelling',
      isCancellable: false,
    });
    expect(terminated.json).toMatchObject({
      taskState: 'Terminated',
      percentComplete: 100,
      taskErrors: [],
    });
    expect(again.status).toBe(400);
    expect(
      (await callSim(slow, started.json.associatedResource.resourceUri, { token: slowToken }))
        .status,
    ).toBe(404);
  });

  it('keeps a 60 s task running with partial progress', async () => {
    const started = await callSim(slow, '/rest/server-profiles', {
      method: 'POST',
      token: slowToken,
      body: { name: 'long' },
    });

    const task = await waitFor(async () => {
      const current = await callSim(slow, started.headers.get('location')!, { token: slowToken });
      return current.json.taskState === 'Running' ? current : undefined;
    });

    expect(task.json).toMatchObject({
      taskState: 'Running',
      isCancellable: true,
      expectedDuration: 60,
    });
    expect(task.json.percentComplete).toBeLessThan(100);
  });

  it('lists every task, filtered and sorted newest first on request', async () => {
    const server = await firstUri(sim, '/rest/server-hardware', token);
    const started = await callSim(sim, `${server}/powerState`, {
      method: 'PUT',
      token,
      body: { powerState: 'On' },
    });
    await untilTerminal(started.headers.get('location')!);

    const oldestFirst = (await callSim(sim, '/rest/tasks?count=-1', { token })).json;
    const newestFirst = (
      await callSim(sim, '/rest/tasks?count=1&sort=created:descending', { token })
    ).json;
    const filter = encodeURIComponent(`"associatedResource.resourceUri='${server}'"`);
    const forServer = (
      await callSim(sim, `/rest/tasks?filter=${filter}&filter=taskState%3D%27Completed%27`, {
        token,
      })
    ).json;

    expect(oldestFirst.type).toBe('TaskResourcePaginatedCollectionV2');
    expect(oldestFirst.members[oldestFirst.members.length - 1].uri).toBe(started.json.uri);
    expect(newestFirst.members[0].uri).toBe(started.json.uri);
    expect(forServer.members.map((task: { uri: string }) => task.uri)).toContain(started.json.uri);
  });

  it('answers If-None-Match on a task with 304 until it moves', async () => {
    const task = (await callSim(sim, '/rest/tasks?count=1', { token })).json.members[0];

    const cached = await callSim(sim, task.uri, { token, headers: { 'If-None-Match': task.eTag } });

    expect(cached.status).toBe(304);
  });

  it('returns the task tree for view=tree', async () => {
    const task = (await callSim(sim, '/rest/tasks?count=1', { token })).json.members[0];

    const tree = (await callSim(sim, `${task.uri}?view=tree`, { token })).json;

    expect(tree).toEqual({ resource: task, children: [] });
  });

  it('gives absolute Location URLs with absoluteLocation', async () => {
    const absoluteToken = await logIn(absolute);
    const server = await firstUri(absolute, '/rest/server-hardware', absoluteToken);

    const answer = await callSim(absolute, `${server}/powerState`, {
      method: 'PUT',
      token: absoluteToken,
      body: { powerState: 'On' },
    });
    const followed = await rawRequest(answer.headers.get('location')!, {
      headers: { 'X-API-Version': '800', Auth: absoluteToken },
    });

    expect(answer.headers.get('location')).toBe(`${absolute.url}${answer.json.uri}`);
    expect(followed.status).toBe(200);
  });

  it('creates a backup whose downloadUri streams backupMb megabytes', async () => {
    const started = await callSim(sim, '/rest/backups', { method: 'POST', token });
    const done = await untilTerminal(started.headers.get('location')!);
    const backup = (await callSim(sim, done.json.associatedResource.resourceUri, { token })).json;

    const download = await rawRequest(`${sim.url}${backup.downloadUri}`, {
      headers: { 'X-API-Version': '800', Auth: token },
    });

    // The BackupDetail fields of ONEVIEW.md section 10; taskUri names the task that made it.
    expect(backup).toEqual({
      type: 'BACKUP',
      uri: `/rest/backups/${backup.id}`,
      category: 'backups',
      name: backup.id,
      id: expect.stringMatching(/^ci[0-9a-f]{12}_backup_\d{4}-\d\d-\d{2}_\d{6}$/),
      hostName: backup.id.split('_')[0],
      backupSize: 3 * 1024 * 1024,
      firmwareVersionMajor: '11.30.00',
      firmwareVersionMinor: '0351081',
      status: 'SUCCEEDED',
      backupType: 'FULL',
      taskUri: started.json.uri,
      resolutionParms: null,
      downloadUri: `/rest/backups/archive/${backup.id}`,
      created: started.json.created,
      modified: expect.any(String),
      eTag: expect.stringMatching(/^\d{13}$/),
    });
    expect(download.status).toBe(200);
    expect(download.headers?.['content-type']).toBe('application/octet-stream');
    expect(download.body.length).toBe(3 * 1024 * 1024);
    expect((await callSim(sim, '/rest/backups', { token })).json.total).toBe(1);
  });
});
