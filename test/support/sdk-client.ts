import { Agent } from 'undici';
import { loadCertificate } from '../../src/server/self-signed-certificate';
import { recordShown } from './secret-audit';

/** An answer as an SDK reads it. */
export interface SdkAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * A client that talks to a OneView origin the way the official SDKs do (ONEVIEW.md 1-5):
 * a bare `GET /rest/version` to pick `currentVersion`, a login with `loginMsgAck`, the
 * session in `auth`, every page of a `count=-1` listing until `nextPageUri` is null or its
 * own `uri`, ETags sent back as received, and a task monitor that polls the task until it
 * is terminal. It knows only `https://host:port`, as an SDK does: no path prefix.
 */
export class SdkClient {
  readonly #origin: string;
  readonly #dispatcher: Agent;
  #version = 0;
  #session: string | null = null;

  private constructor(origin: string, dispatcher: Agent) {
    this.#origin = origin;
    this.#dispatcher = dispatcher;
  }

  /**
   * A client of `origin`, trusting the self-signed certificate of a gateway in this process,
   * or, with `verify: false`, any certificate (a gateway process makes its own).
   */
  static async connect(origin: string, options: { verify?: boolean } = {}): Promise<SdkClient> {
    if (options.verify === false) {
      return new SdkClient(origin, new Agent({ connect: { rejectUnauthorized: false } }));
    }
    const { cert } = await loadCertificate();
    return new SdkClient(origin, new Agent({ connect: { ca: cert } }));
  }

  get session(): string | null {
    return this.#session;
  }

  /** Reads the appliance's version range and takes its current version. */
  async pickVersion(): Promise<number> {
    const answer = await this.call('GET', '/rest/version', { bare: true });
    this.#version = (answer.body as { currentVersion: number }).currentVersion;
    return this.#version;
  }

  async logIn(userName: string, password: string): Promise<SdkAnswer> {
    const answer = await this.call('POST', '/rest/login-sessions', {
      body: { userName, password, authLoginDomain: 'LOCAL', loginMsgAck: true },
    });
    if (answer.status === 200) this.#session = (answer.body as { sessionID: string }).sessionID;
    return answer;
  }

  logOut(): Promise<SdkAnswer> {
    return this.call('DELETE', '/rest/login-sessions');
  }

  /** Every member of a collection, page after page, as oneview-python's get_all does. */
  async getAll(path: string): Promise<Array<Record<string, unknown>>> {
    const members: Array<Record<string, unknown>> = [];
    let uri: string | null = `${path}?start=0&count=-1`;
    while (uri !== null) {
      const answer = await this.call('GET', uri);
      if (answer.status !== 200) throw new Error(`GET ${uri}: ${answer.status}`);
      const page = answer.body as {
        members: Array<Record<string, unknown>>;
        nextPageUri: string | null;
        uri: string;
      };
      members.push(...page.members);
      uri = page.nextPageUri && page.nextPageUri !== page.uri ? page.nextPageUri : null;
    }
    return members;
  }

  /** Polls a task until it is terminal, as the SDKs' task monitors do. */
  async waitForTask(taskUri: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.call('GET', taskUri);
      const task = answer.body as Record<string, unknown>;
      if (
        ['Completed', 'Warning', 'Error', 'Terminated', 'Killed'].includes(String(task.taskState))
      ) {
        return task;
      }
      if (Date.now() > deadline) throw new Error(`task ${taskUri} not done in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** One request on the origin, with the SDK's headers. */
  async call(
    method: string,
    path: string,
    options: {
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      bare?: boolean;
    } = {},
  ): Promise<SdkAnswer> {
    const headers: Record<string, string> = options.bare
      ? {}
      : {
          'x-api-version': String(this.#version),
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.#session ? { auth: this.#session } : {}),
        };
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(this.#origin + path, {
      method,
      headers: { ...headers, ...options.headers },
      ...(body === undefined ? {} : { body }),
      // @ts-expect-error undici's dispatcher option, which Node's fetch takes
      dispatcher: this.#dispatcher,
    });
    const text = await response.text();
    recordShown(`${JSON.stringify([...response.headers])}\n${text}`);
    return { status: response.status, headers: response.headers, body: parse(text) };
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
