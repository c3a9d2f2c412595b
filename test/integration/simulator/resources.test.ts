/* eslint-disable @typescript-eslint/no-unsafe-member-access,
   @typescript-eslint/no-unsafe-argument
   -- these tests read OneView bodies as untyped JSON, field by field, as a client would. */
import { startSimulator, type SimulatorHandle } from '../../../src/simulator';
import { callSim, logIn, type SimAnswer } from '../../support/simulator-client';

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('simulator resources', () => {
  let sim: SimulatorHandle;
  let token: string;

  beforeAll(async () => {
    sim = await startSimulator({ servers: 24 });
    token = await logIn(sim);
  });

  afterAll(() => sim.close());

  afterEach(() => sim.reset());

  const first = async (collection: string): Promise<SimAnswer> => {
    const uri = (await callSim(sim, `${collection}?count=1`, { token })).json.members[0]
      .uri as string;
    return callSim(sim, uri, { token });
  };

  it('serves server-hardware with the fields appliances give', async () => {
    const server = await first('/rest/server-hardware');

    expect(server.json).toEqual(
      expect.objectContaining({
        type: 'server-hardware-8',
        uri: expect.stringMatching(
          /^\/rest\/server-hardware\/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
        ),
        category: 'server-hardware',
        name: expect.stringMatching(/^0000[0-9A-F]{4}\d\d, bay \d+$/),
        serialNumber: expect.stringMatching(/^[A-Z0-9]{10}$/),
        model: expect.stringMatching(/^ProLiant BL\d+c Gen\d+$/),
        shortModel: expect.any(String),
        formFactor: expect.stringMatching(/^(HalfHeight|FullHeight)$/),
        position: expect.any(Number),
        locationUri: expect.stringMatching(/^\/rest\/enclosures\/0{6}0000[0-9A-F]{4}\d\d$/),
        serverHardwareTypeUri: expect.stringMatching(/^\/rest\/server-hardware-types\//),
        serverGroupUri: expect.stringMatching(/^\/rest\/enclosure-groups\//),
        powerState: expect.stringMatching(/^(On|Off)$/),
        state: expect.stringMatching(/^(ProfileApplied|NoProfileApplied)$/),
        status: expect.stringMatching(/^(OK|Warning|Critical)$/),
        refreshState: 'NotRefreshing',
        mpModel: expect.stringMatching(/^iLO\d$/),
        mpHostInfo: {
          mpHostName: expect.any(String),
          mpIpAddresses: [{ address: expect.any(String), type: 'DHCP' }],
        },
        eTag: expect.stringMatching(/^\d{13}$/),
        created: expect.stringMatching(TIMESTAMP),
        modified: expect.stringMatching(TIMESTAMP),
      }),
    );
    expect(server.headers.get('etag')).toBe(server.json.eTag);
  });

  it('serves enclosures, profiles, networks and alerts with their documented fields', async () => {
    const [enclosure, profile, network, alert] = await Promise.all(
      ['/rest/enclosures', '/rest/server-profiles', '/rest/ethernet-networks', '/rest/alerts'].map(
        first,
      ),
    );

    expect(enclosure?.json).toMatchObject({
      type: 'EnclosureV8',
      category: 'enclosures',
      enclosureType: 'C7000',
      state: 'Configured',
    });
    expect(enclosure?.json.deviceBays).toHaveLength(16);
    expect(profile?.json).toMatchObject({
      type: 'ServerProfileV9',
      category: 'server-profiles',
      serverHardwareUri: expect.stringMatching(/^\/rest\/server-hardware\//),
      macType: 'Virtual',
      eTag: expect.stringMatching(/^\d{13}\/\d+$/),
      connectionSettings: { connections: expect.any(Array) },
    });
    expect(network?.json).toMatchObject({
      type: 'ethernet-networkV4',
      category: 'ethernet-networks',
      vlanId: expect.any(Number),
      ethernetNetworkType: 'Tagged',
      eTag: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(alert?.json).toMatchObject({
      type: 'AlertResourceV3',
      uri: expect.stringMatching(/^\/rest\/alerts\/\d+$/),
      severity: expect.stringMatching(/^(OK|Warning|Critical)$/),
      alertState: expect.stringMatching(/^(Active|Cleared)$/),
      associatedResource: { resourceCategory: 'server-hardware', associationType: 'HAS_A' },
      changeLog: [],
    });
  });

  it('points each profile at a server that points back at it', async () => {
    const profile = (await first('/rest/server-profiles')).json;
    const server = (await callSim(sim, profile.serverHardwareUri, { token })).json;

    expect(server).toMatchObject({ serverProfileUri: profile.uri, state: 'ProfileApplied' });
  });

  it('answers 304 without a body when If-None-Match is the current ETag', async () => {
    const server = await first('/rest/server-hardware');

    const cached = await callSim(sim, server.json.uri, {
      token,
      headers: { 'If-None-Match': server.json.eTag },
    });
    const stale = await callSim(sim, server.json.uri, { token, headers: { 'If-None-Match': '1' } });

    expect(cached.status).toBe(304);
    expect(cached.text).toBe('');
    expect(stale.status).toBe(200);
  });

  it('updates with a matching If-Match, gives a new ETag, then refuses the old one with 412', async () => {
    const server = (await first('/rest/server-hardware')).json;
    const body = { ...server, name: 'renamed' };
    delete body.eTag;

    const updated = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body,
      headers: { 'If-Match': server.eTag },
    });
    const stale = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body,
      headers: { 'If-Match': server.eTag },
    });

    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ name: 'renamed' });
    expect(updated.headers.get('etag')).toBe(updated.json.eTag);
    expect(updated.json.eTag).not.toBe(server.eTag);
    expect(stale.status).toBe(412);
    expect(stale.json).toMatchObject({
      errorCode: 'NOMATCHING_ETAG_MESSAGE',
      nestedErrors: [],
      data: {},
    });
  });

  it('takes the ETag from the body, forces with If-Match *, and refuses an update without any with 403', async () => {
    const server = (await first('/rest/server-hardware')).json;
    const { eTag, ...withoutEtag } = server;

    const fromBody = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body: { ...withoutEtag, eTag },
    });
    const forced = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body: withoutEtag,
      headers: { 'If-Match': '*' },
    });
    const missing = await callSim(sim, server.uri, { method: 'PUT', token, body: withoutEtag });
    const quoted = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body: withoutEtag,
      headers: { 'If-Match': `"${forced.json.eTag}"` },
    });

    expect([fromBody.status, forced.status, missing.status, quoted.status]).toEqual([
      200, 200, 403, 412,
    ]);
    expect(missing.json.errorCode).toBe('MISSING_ETAG_MESSAGE');
  });

  it('refuses a stale alert ETag with AlertEtagPreconditionFailedException', async () => {
    const alert = (await first('/rest/alerts')).json;

    const stale = await callSim(sim, alert.uri, {
      method: 'PUT',
      token,
      body: { alertState: 'Cleared', eTag: '42' },
    });
    const cleared = await callSim(sim, alert.uri, {
      method: 'PUT',
      token,
      body: { alertState: 'Cleared', notes: 'fan replaced', eTag: alert.eTag },
    });

    expect(stale.status).toBe(412);
    expect(stale.json).toMatchObject({
      errorCode: 'AlertEtagPreconditionFailedException',
      message:
        'The provided Etag does not match the current Etag of the alert. Provide a valid Etag for the alert.',
    });
    expect(cleared.json).toMatchObject({
      alertState: 'Cleared',
      clearedByUser: 'Administrator',
      changeLog: [{ notes: 'fan replaced', username: 'Administrator', userEntered: true }],
    });
  });

  it('refuses a body whose type is not the one of the requested version', async () => {
    const server = (await first('/rest/server-hardware')).json;

    const answer = await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body: { ...server, type: 'server-hardware-12' },
    });

    expect(answer.status).toBe(400);
    expect(answer.json.message).toBe(
      'The "type" field content, "server-hardware-12", included in this request is invalid.',
    );
  });

  it('answers 404 ErrorMessages for a missing resource and an unknown path, 405 with Allow', async () => {
    const missing = await callSim(sim, '/rest/server-hardware/nope', { token });
    const profile = await callSim(sim, '/rest/server-profiles/nope', { token });
    const unknown = await callSim(sim, '/rest/not-a-thing', { token });
    const method = await callSim(sim, '/rest/enclosures', { method: 'DELETE', token });

    expect(missing.json).toEqual({
      errorCode: 'RESOURCE_NOT_FOUND',
      message: 'Resource not found.',
      details: 'The resource /rest/server-hardware/nope was not found.',
      recommendedActions: ['Check the request URI, then resend the request.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
    });
    expect(profile.json.errorCode).toBe('ProfileNotFoundException');
    expect([unknown.status, unknown.json.errorCode]).toEqual([404, 'GENERIC_HTTP_404']);
    expect([method.status, method.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('sends the appliance response headers on answers and errors alike', async () => {
    for (const answer of [
      await first('/rest/enclosures'),
      await callSim(sim, '/rest/nothing', { token }),
    ]) {
      expect(Object.fromEntries(answer.headers)).toMatchObject({
        server: 'Apache',
        'content-type': 'application/json;charset=UTF-8',
        'cache-control': 'no-cache',
        pragma: 'no-cache',
        expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
        'content-language': 'en-US',
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'x-xss-protection': '1; mode=block',
        'transfer-encoding': 'chunked',
      });
    }
  });

  it('answers the unauthenticated availability probes', async () => {
    const progress = await callSim(sim, '/rest/appliance/progress', { version: null });
    const controller = await callSim(sim, '/controller-state.json', { version: null });

    expect(progress.json).toEqual({
      percentComplete: 100,
      completeComponents: 25,
      totalComponents: 25,
    });
    expect(controller.json).toEqual({ state: 'OK', usingAddr: '127.0.0.1' });
  });

  it('puts seeded resources back on reset', async () => {
    const server = (await first('/rest/server-hardware')).json;
    await callSim(sim, server.uri, {
      method: 'PUT',
      token,
      body: { name: 'changed' },
      headers: { 'If-Match': '*' },
    });

    sim.reset();

    expect((await callSim(sim, server.uri, { token })).json).toEqual(server);
  });
});
