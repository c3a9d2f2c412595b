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

  // Each body is compared whole against ONEVIEW.md section 10 (and the common envelope of
  // section 0): every field it lists is there, with the value shape appliances give.
  it('serves server-hardware with every field ONEVIEW.md lists', async () => {
    const server = await first('/rest/server-hardware');
    const id = (server.json.uri as string).slice('/rest/server-hardware/'.length);
    const profiled = server.json.state === 'ProfileApplied';

    expect(server.json).toEqual({
      type: 'server-hardware-8',
      uri: expect.stringMatching(
        /^\/rest\/server-hardware\/[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/,
      ),
      category: 'server-hardware',
      name: expect.stringMatching(/^0000[0-9A-F]{4}\d\d, bay \d+$/),
      description: null,
      status: expect.stringMatching(/^(OK|Warning|Critical)$/),
      state: expect.stringMatching(/^(ProfileApplied|NoProfileApplied)$/),
      stateReason: 'NotApplicable',
      uuid: expect.stringMatching(/^[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}$/),
      serialNumber: expect.stringMatching(/^[A-Z]{3}[0-9A-F]{5}\d\d$/),
      partNumber: expect.stringMatching(/^\d{6}-B21$/),
      model: expect.stringMatching(/^ProLiant BL\d+c Gen\d+$/),
      shortModel: expect.stringMatching(/^BL\d+c Gen\d+$/),
      formFactor: expect.stringMatching(/^(HalfHeight|FullHeight)$/),
      position: expect.any(Number),
      locationUri: expect.stringMatching(/^\/rest\/enclosures\/0{6}0000[0-9A-F]{4}\d\d$/),
      serverHardwareTypeUri: expect.stringMatching(
        /^\/rest\/server-hardware-types\/[0-9a-f-]{36}$/,
      ),
      serverGroupUri: expect.stringMatching(/^\/rest\/enclosure-groups\/[0-9a-f-]{36}$/),
      serverProfileUri: profiled ? expect.stringMatching(/^\/rest\/server-profiles\//) : null,
      powerState: expect.stringMatching(/^(On|Off)$/),
      powerLock: false,
      refreshState: 'NotRefreshing',
      uidState: 'Off',
      licensingIntent: 'OneView',
      mpModel: expect.stringMatching(/^iLO[45]$/),
      mpFirmwareVersion: expect.stringMatching(/^\d\.\d\d \w{3} \d\d \d{4}$/),
      mpHostInfo: {
        mpHostName: `ILO${server.json.serialNumber}`,
        mpIpAddresses: [{ address: expect.stringMatching(/^10(\.\d+){3}$/), type: 'DHCP' }],
      },
      romVersion: expect.stringMatching(/^I\d\d \d\d\/\d\d\/\d{4}$/),
      processorCount: 2,
      processorCoreCount: expect.any(Number),
      processorSpeedMhz: expect.any(Number),
      processorType: expect.stringContaining('Intel(R) Xeon(R)'),
      memoryMb: expect.any(Number),
      portMap: { deviceSlots: [] },
      signature: { personalityChecksum: 0, serverHwChecksum: expect.any(Number) },
      // ONEVIEW.md spells it scopeUris in this row and scopesUri for profiles; appliances
      // use scopesUri on every resource.
      scopesUri: `/rest/scopes/resources/rest/server-hardware/${id}`,
      created: expect.stringMatching(TIMESTAMP),
      modified: expect.stringMatching(TIMESTAMP),
      eTag: expect.stringMatching(/^\d{13}$/),
    });
    expect(server.headers.get('etag')).toBe(server.json.eTag);
  });

  it('serves enclosures with bays filled by their blades and power figures', async () => {
    const enclosure = (await first('/rest/enclosures')).json;
    const servers = (await callSim(sim, '/rest/server-hardware?count=16', { token })).json
      .members as Array<{ uri: string; serverProfileUri: string | null; serverGroupUri: string }>;
    const bay = (number: number) => ({ bayNumber: number, devicePresence: 'Present' });

    expect(enclosure).toEqual({
      type: 'EnclosureV8',
      uri: `/rest/enclosures/000000${enclosure.serialNumber}`,
      category: 'enclosures',
      name: enclosure.serialNumber,
      description: null,
      status: expect.stringMatching(/^(OK|Warning)$/),
      state: 'Configured',
      stateReason: 'None',
      uuid: enclosure.serialNumber,
      serialNumber: expect.stringMatching(/^0000[0-9A-F]{4}01$/),
      partNumber: '681844-B21',
      enclosureType: 'C7000',
      enclosureModel: 'BladeSystem c7000 Enclosure G3',
      enclosureGroupUri: servers[0]?.serverGroupUri,
      logicalEnclosureUri: expect.stringMatching(/^\/rest\/logical-enclosures\/[0-9a-f-]{36}$/),
      refreshState: 'NotRefreshing',
      uidState: 'Off',
      licensingIntent: 'OneView',
      isFwManaged: true,
      fwBaselineName: null,
      deviceBayCount: 16,
      deviceBays: servers.map((server, index) => ({
        ...bay(index + 1),
        deviceUri: server.uri,
        profileUri: server.serverProfileUri,
        covered: false,
      })),
      interconnectBayCount: 8,
      interconnectBays: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ ...bay(n), interconnectUri: null })),
      powerSupplyBays: [1, 2, 3, 4, 5, 6].map((n) => ({ ...bay(n), model: null })),
      fanBays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ ...bay(n), model: null })),
      managerBays: [1, 2].map((n) => ({ ...bay(n), role: null })),
      applianceBays: [],
      powerMode: 'RedundantPowerFeed',
      powerCapacityWatts: 7950,
      powerCapacityBoostWatts: 0,
      powerAllocatedWatts: 1200 + 16 * 380,
      powerAvailableWatts: 7950 - 1200 - 16 * 380,
      activeOaPreferredIP: expect.stringMatching(/^10(\.\d+){3}$/),
      scopesUri: `/rest/scopes/resources${enclosure.uri}`,
      created: expect.stringMatching(TIMESTAMP),
      modified: expect.stringMatching(TIMESTAMP),
      eTag: enclosure.modified,
    });
  });

  it('serves server profiles with every field ONEVIEW.md lists', async () => {
    const profile = (await first('/rest/server-profiles')).json;
    const server = (await callSim(sim, profile.serverHardwareUri, { token })).json;
    const networks = (await callSim(sim, '/rest/ethernet-networks?count=2', { token })).json
      .members;
    const connection = (index: number) => ({
      id: index + 1,
      name: `${networks[index].name}-${index + 1}`,
      functionType: 'Ethernet',
      networkUri: networks[index].uri,
      portId: `Mezz 3:${index + 1}-a`,
      requestedMbps: '2500',
      allocatedMbps: 2500,
      maximumMbps: 20000,
      mac: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/),
      macType: 'Virtual',
      boot: { priority: 'NotBootable' },
    });

    expect(profile).toEqual({
      type: 'ServerProfileV9',
      uri: expect.stringMatching(/^\/rest\/server-profiles\/[0-9a-f-]{36}$/),
      category: 'server-profiles',
      name: expect.stringMatching(/^(esx|web|db|k8s|sql|app)-\d\d$/),
      description: '',
      status: 'OK',
      state: 'Normal',
      serverHardwareUri: server.uri,
      serverHardwareTypeUri: server.serverHardwareTypeUri,
      enclosureGroupUri: server.serverGroupUri,
      enclosureUri: server.locationUri,
      enclosureBay: server.position,
      affinity: 'Bay',
      serverProfileTemplateUri: null,
      templateCompliance: 'Unknown',
      macType: 'Virtual',
      wwnType: 'Virtual',
      serialNumberType: 'Virtual',
      serialNumber: expect.stringMatching(/^VCG[0-9A-F]{7}$/),
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hideUnusedFlexNics: true,
      iscsiInitiatorNameType: 'AutoGenerated',
      inProgress: false,
      taskUri: null,
      refreshState: 'NotRefreshing',
      connectionSettings: { manageConnections: true, connections: [connection(0), connection(1)] },
      boot: { manageBoot: true, order: ['HardDisk'] },
      bootMode: { manageMode: true, mode: 'UEFIOptimized', pxeBootPolicy: 'Auto' },
      bios: { manageBios: false, overriddenSettings: [] },
      firmware: { manageFirmware: false, forceInstallFirmware: false, firmwareBaselineUri: null },
      localStorage: { sasLogicalJBODs: [], controllers: [] },
      sanStorage: { manageSanStorage: false, volumeAttachments: [] },
      osDeploymentSettings: null,
      scopesUri: `/rest/scopes/resources${profile.uri}`,
      created: expect.stringMatching(TIMESTAMP),
      modified: profile.created,
      eTag: expect.stringMatching(/^\d{13}\/1$/),
    });
  });

  it('serves ethernet networks with every field ONEVIEW.md lists', async () => {
    const network = (await first('/rest/ethernet-networks')).json;

    expect(network).toEqual({
      type: 'ethernet-networkV4',
      uri: expect.stringMatching(/^\/rest\/ethernet-networks\/[0-9a-f-]{36}$/),
      category: 'ethernet-networks',
      name: `Prod-VLAN-${network.vlanId}`,
      description: null,
      status: 'OK',
      state: 'Active',
      vlanId: expect.any(Number),
      subnetUri: null,
      purpose: expect.stringMatching(/^(General|Management|VMMigration|FaultTolerance)$/),
      smartLink: true,
      privateNetwork: false,
      ethernetNetworkType: 'Tagged',
      connectionTemplateUri: expect.stringMatching(/^\/rest\/connection-templates\/[0-9a-f-]{36}$/),
      fabricUri: expect.stringMatching(/^\/rest\/fabrics\/[0-9a-f-]{36}$/),
      scopesUri: `/rest/scopes/resources${network.uri}`,
      created: expect.stringMatching(TIMESTAMP),
      modified: network.created,
      eTag: expect.stringMatching(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/),
    });
  });

  it('serves alerts with integer ids and every field ONEVIEW.md lists', async () => {
    const alert = (await first('/rest/alerts')).json;
    const server = (await callSim(sim, alert.resourceUri, { token })).json;
    const cleared = alert.alertState === 'Cleared';

    expect(alert).toEqual({
      type: 'AlertResourceV3',
      uri: expect.stringMatching(/^\/rest\/alerts\/\d+$/),
      category: 'alerts',
      description: expect.any(String),
      correctiveAction: alert.severity === 'OK' ? null : expect.any(String),
      alertTypeID: expect.stringMatching(/^Trap\.\w+$/),
      severity: expect.stringMatching(/^(OK|Warning|Critical)$/),
      alertState: expect.stringMatching(/^(Active|Cleared)$/),
      urgency: expect.stringMatching(/^(None|Medium|High)$/),
      healthCategory: expect.any(String),
      lifeCycle: false,
      serviceEventSource: false,
      resourceUri: server.uri,
      physicalResourceType: 'server-hardware',
      associatedResource: {
        resourceName: server.name,
        resourceUri: server.uri,
        resourceCategory: 'server-hardware',
        associationType: 'HAS_A',
      },
      associatedEventUris: [expect.stringMatching(/^\/rest\/events\/\d+$/)],
      changeLog: [],
      assignedToUser: null,
      clearedByUser: cleared ? 'Administrator' : null,
      clearedTime: cleared ? expect.stringMatching(TIMESTAMP) : null,
      activityUri: alert.uri,
      created: expect.stringMatching(TIMESTAMP),
      modified: alert.created,
      eTag: expect.stringMatching(/^\d{13}$/),
    });
  });

  it('reports its node version with every field ONEVIEW.md lists', async () => {
    const node = await callSim(sim, '/rest/appliance/nodeinfo/version', { token });

    expect(node.json).toEqual({
      type: 'NodeVersionDto4',
      category: 'appliance',
      uri: '/rest/appliance/nodeinfo/version',
      softwareVersion: '11.30.00-0351081',
      major: '11',
      minor: '30',
      revision: '00',
      build: '0351081',
      family: 'HPE OneView VM',
      modelNumber: 'HPE OneView VM',
      platformType: 'VM',
      serialNumber: expect.stringMatching(/^VCG[0-9A-F]{7}$/),
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      compatibility: true,
      date: expect.stringMatching(TIMESTAMP),
      created: null,
      modified: null,
      eTag: null,
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
