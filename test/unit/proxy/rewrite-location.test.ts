import { rewriteLocation, taskIdOf } from '../../../src/proxy/rewrite-location';
import type { ClientFace } from '../../../src/proxy/rewrite-location';

const applianceFace: ClientFace = { kind: 'appliance', applianceId: 'dc1', publicUrl: null };
const publicFace = (publicUrl: string): ClientFace => ({
  kind: 'appliance',
  applianceId: 'dc1',
  publicUrl,
});
const sdkFace = (origin: string): ClientFace => ({ kind: 'sdk-port', origin });

const TASK = '3f0c9a2e-1b4d-4c1e-9a7b-5d2f8e6c0a11';

describe('rewriting a Location from an appliance', () => {
  it.each<[string, string, ClientFace, string]>([
    [
      'a relative task URI',
      `/rest/tasks/${TASK}`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a task URI without a leading slash',
      `rest/tasks/${TASK}`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'an absolute task URI on the appliance',
      `https://10.1.2.3/rest/tasks/${TASK}`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'an absolute task URI on any host and port',
      `http://other.example:8443/rest/tasks/${TASK}`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a scheme-relative task URI',
      `//evil.example/rest/tasks/${TASK}`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a task URI with a query',
      `https://10.1.2.3/rest/tasks/${TASK}?view=tree&childLimit=2`,
      applianceFace,
      `/appliances/dc1/rest/tasks/${TASK}?view=tree&childLimit=2`,
    ],
    [
      'another /rest/ resource',
      '/rest/server-profiles/9e2e',
      applianceFace,
      '/appliances/dc1/rest/server-profiles/9e2e',
    ],
    [
      'a task URI on a public URL',
      `/rest/tasks/${TASK}`,
      publicFace('https://gw.example.com'),
      `https://gw.example.com/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a task URI on a public URL with trailing slashes',
      `https://10.1.2.3/rest/tasks/${TASK}`,
      publicFace('https://gw.example.com//'),
      `https://gw.example.com/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a task URI on a public URL with a path',
      `/rest/tasks/${TASK}`,
      publicFace('https://gw.example.com/ovgw/'),
      `https://gw.example.com/ovgw/appliances/dc1/rest/tasks/${TASK}`,
    ],
    [
      'a task URI on an sdk port origin',
      `https://10.1.2.3/rest/tasks/${TASK}`,
      sdkFace('https://gw.example.com:8443'),
      `https://gw.example.com:8443/rest/tasks/${TASK}`,
    ],
    [
      'a task URI on an sdk port, relative',
      `https://10.1.2.3/rest/tasks/${TASK}?x=1`,
      sdkFace(''),
      `/rest/tasks/${TASK}?x=1`,
    ],
  ])('rewrites %s', (_what, location, face, expected) => {
    expect(rewriteLocation(location, face)).toBe(expected);
  });

  it.each([
    '/ui/index.html',
    'https://10.1.2.3/ui/',
    '/restx/tasks/1',
    '/rest',
    '/controller-state.json',
    'mailto:admin@example.com',
    '',
  ])('leaves %j untouched, on every face', (location) => {
    for (const face of [
      applianceFace,
      publicFace('https://gw.example.com'),
      sdkFace('https://gw:8443'),
    ]) {
      expect(rewriteLocation(location, face)).toBe(location);
    }
  });
});

describe('reading the task id of a URI', () => {
  it.each<[string, string | null]>([
    [`/rest/tasks/${TASK}`, TASK],
    [`https://10.1.2.3/rest/tasks/${TASK}`, TASK],
    [`rest/tasks/${TASK}`, TASK],
    [`/rest/tasks/${TASK}?view=tree`, TASK],
    ['/rest/tasks/', null],
    ['/rest/tasks', null],
    [`/rest/tasks/${TASK}/`, null],
    [`/rest/tasks/${TASK}/children`, null],
    ['/rest/server-profiles/9e2e', null],
    [`/appliances/dc1/rest/tasks/${TASK}`, null],
    [`/ui/tasks/${TASK}`, null],
    ['', null],
  ])('reads %j as %j', (uri, expected) => {
    expect(taskIdOf(uri)).toBe(expected);
  });
});
