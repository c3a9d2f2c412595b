import { captureLog } from '../../support/log-capture';

describe('the logger', () => {
  it('redacts credentials and session ids by name at every depth the gateway logs', () => {
    const log = captureLog('info');

    log.logger.info(
      {
        password: 'p0',
        sessionID: 's0',
        req: {
          headers: { auth: 's1', authorization: 'Bearer k1', 'x-api-key': 'k2', cookie: 'c1' },
        },
        login: { body: { userName: 'svc', password: 'p2' } },
        upstream: { request: { headers: { auth: 's3' } } },
        deep: { a: { b: { c: { password: 'p4' } } } },
      },
      'secrets',
    );

    expect(log.lines).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        service: 'ovgw',
        password: '[redacted]',
        sessionID: '[redacted]',
        req: {
          headers: {
            auth: '[redacted]',
            authorization: '[redacted]',
            'x-api-key': '[redacted]',
            cookie: '[redacted]',
          },
        },
        login: { body: { userName: 'svc', password: '[redacted]' } },
        upstream: { request: { headers: { auth: '[redacted]' } } },
        deep: { a: { b: { c: { password: '[redacted]' } } } },
        msg: 'secrets',
      },
    ]);
  });

  it('redacts in child loggers too, whose bindings carry the appliance', () => {
    const log = captureLog('info');

    log.logger.child({ appliance: 'dc1' }).warn({ sessionID: 'abc' }, 'session expired');

    expect(log.lines).toEqual([
      {
        level: 'warn',
        time: expect.any(String),
        service: 'ovgw',
        appliance: 'dc1',
        sessionID: '[redacted]',
        msg: 'session expired',
      },
    ]);
  });
});
