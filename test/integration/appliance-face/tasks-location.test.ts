import { startTestGateway } from '../../support/gateway-harness';

describe('202 answers and their task URIs', () => {
  it.each([
    ['relative', false],
    ['absolute', true],
  ])(
    'rewrites a %s task Location onto the appliance face and names the unified task',
    async (_kind, absolute) => {
      const t = await startTestGateway({
        versions: [[120, 8600]],
        simulator: { absoluteLocation: absolute },
      });
      try {
        const response = await t.fetch('/appliances/a/rest/server-profiles', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'web-01', type: 'ServerProfileV12' }),
        });
        const task = (await response.json()) as { uri: string; type: string };
        const taskId = task.uri.split('/').pop()!;

        expect(response.status).toBe(202);
        expect(response.headers.get('location')).toBe(`/appliances/a/rest/tasks/${taskId}`);
        expect(response.headers.get('x-task-uri')).toBe(`/tasks/a/${taskId}`);
        expect(task.uri).toBe(`/rest/tasks/${taskId}`);

        const followed = await t.fetch(response.headers.get('location')!);
        expect(followed.status).toBe(200);
        expect(await followed.json()).toMatchObject({ uri: `/rest/tasks/${taskId}` });
      } finally {
        await t.close();
      }
    },
  );

  it('makes rewritten Locations absolute on server.publicUrl when it is set', async () => {
    const t = await startTestGateway({
      versions: [[120, 8600]],
      config: { server: { host: '127.0.0.1', port: 0, publicUrl: 'https://gw.example.com/' } },
    });
    try {
      const response = await t.fetch('/appliances/a/rest/server-profiles', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'web-02', type: 'ServerProfileV12' }),
      });
      const task = (await response.json()) as { uri: string };

      expect(response.headers.get('location')).toBe(
        `https://gw.example.com/appliances/a${task.uri}`,
      );
    } finally {
      await t.close();
    }
  });
});
