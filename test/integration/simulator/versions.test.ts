/* eslint-disable @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-argument
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { callSim, logIn } from '../../support/simulator-client';

describe('simulator API versions', () => {
  let sim: SimulatorHandle;
  let oldest: SimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ minimumVersion: 120, currentVersion: 3400 });
    oldest = await startSimulator({ id: 'sim-old', minimumVersion: 1, currentVersion: 3 });
    token = await logIn(sim);
  });

  afterAll(async () => {
    await Promise.all([sim.close(), oldest.close()]);
  });

  afterEach(() => sim.reset());

  it('answers /rest/version without credentials or X-API-Version', async () => {
    const answer = await callSim(sim, '/rest/version', { version: null });

    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ currentVersion: 3400, minimumVersion: 120 });
    expect(sim.stats().versionRequests).toBe(1);
  });

  it('refuses a version above currentVersion with the appliance 412 text, two spaces included', async () => {
    const answer = await callSim(sim, '/rest/server-hardware', { version: 3800, token });

    expect(answer.status).toBe(412);
    expect(answer.json).toEqual({
      errorCode: 'INVALID_API_VERSION',
      message: 'The specified API version is not valid.',
      details:
        'The request contained an invalid X-API-Version header of 3800.  Only values 1 through 3400 are accepted.',
      recommendedActions: ['Check the value of the X-API-Version header, then resend the request.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
    });
  });

  it.each(['0', '-5', 'abc', '800.5', ''])('refuses X-API-Version %j with 412', async (value) => {
    const answer = await callSim(sim, '/rest/server-hardware', { version: value, token });

    expect(answer.status).toBe(412);
    expect(answer.json.errorCode).toBe('INVALID_API_VERSION');
  });

  it('reads a missing X-API-Version as 1, which most endpoints do not serve (404)', async () => {
    const answer = await callSim(sim, '/rest/server-hardware', { version: null, token });

    expect(answer.status).toBe(404);
    expect(answer.json.errorCode).toBe('GENERIC_HTTP_404');
  });

  it('accepts a version below minimumVersion when the endpoint exists at it', async () => {
    const answer = await callSim(sim, '/rest/enclosures', { version: 3, token });

    expect(answer.status).toBe(200);
    expect(answer.json.type).toBe('EnclosureListV2');
  });

  it('serves task cancellation only from API 1200', async () => {
    const someTask = (await callSim(sim, '/rest/tasks?count=1', { token })).json.members[0].uri;
    const body = [{ op: 'replace', path: '/taskState', value: 'Cancelling' }];

    const answer = await callSim(sim, someTask, { method: 'PATCH', version: 1000, token, body });

    expect(answer.status).toBe(404);
  });

  it.each([
    [300, '/rest/server-hardware', 'server-hardware-5'],
    [600, '/rest/server-hardware', 'server-hardware-8'],
    [1800, '/rest/server-hardware', 'server-hardware-12'],
    [800, '/rest/server-profiles', 'ServerProfileV9'],
    [1600, '/rest/server-profiles', 'ServerProfileV12'],
    [200, '/rest/ethernet-networks', 'ethernet-networkV3'],
    [600, '/rest/ethernet-networks', 'ethernet-networkV4'],
    [1000, '/rest/tasks', 'TaskResourceV2'],
    [1200, '/rest/tasks', 'TaskResourceV3'],
  ])('names resources by version: at %i %s members are %s', async (version, path, type) => {
    const answer = await callSim(sim, `${path}?count=1`, { version, token });

    expect(answer.json.members[0].type).toBe(type);
  });

  it('changes its range on setVersion, as after a restore to an older release', async () => {
    sim.faults({ setVersion: { minimumVersion: 120, currentVersion: 3000 } });

    const version = await callSim(sim, '/rest/version', { version: null });
    const refused = await callSim(sim, '/rest/server-hardware', { version: 3400, token });
    const accepted = await callSim(sim, '/rest/server-hardware', { version: 3000, token });

    expect(version.json).toEqual({ currentVersion: 3000, minimumVersion: 120 });
    expect(refused.status).toBe(412);
    expect(refused.json.details).toContain('Only values 1 through 3000 are accepted.');
    expect(accepted.status).toBe(200);
  });

  it('serves every resource at version 3 on a OneView 1.0 appliance (versions 1:3)', async () => {
    const oldToken = await logIn(oldest, 3);
    const paths = [
      '/rest/server-hardware',
      '/rest/server-profiles',
      '/rest/enclosures',
      '/rest/tasks',
    ];

    const answers = await Promise.all(
      paths.map((path) => callSim(oldest, path, { version: 3, token: oldToken })),
    );

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect((await callSim(oldest, '/rest/tasks', { version: 4, token: oldToken })).status).toBe(
      412,
    );
  });

  it('reports its release in nodeinfo/version', async () => {
    const answer = await callSim(sim, '/rest/appliance/nodeinfo/version', { token });

    expect(answer.json).toMatchObject({
      type: 'NodeVersionDto4',
      category: 'appliance',
      uri: '/rest/appliance/nodeinfo/version',
      major: '6',
      minor: '40',
      family: 'HPE OneView VM',
    });
    expect(answer.json.uuid).toMatch(/^[0-9a-f]{32}$/);
  });
});
