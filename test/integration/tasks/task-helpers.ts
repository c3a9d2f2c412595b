import type { SimulatorHandle } from '../../../src/simulator';
import type { NormalizedTask } from '../../../src/tasks/task-types';
import { ADMIN_KEY, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

/** Task settings small enough for tests: rounds every 100 ms, syncs every 200 ms. */
export const FAST_TASKS = { pollIntervalMs: 100, syncIntervalMs: 200, retentionHours: 24 };

/** A task started through the gateway: the 202 and the unified task URI. */
export interface StartedTask {
  status: number;
  requestId: string;
  taskUri: string;
  taskId: string;
}

/** Creates a server profile through the appliance face (a task on the simulator). */
export async function startProfile(
  t: TestGateway,
  applianceId = 'a',
  name = 'web-01',
  key = ADMIN_KEY,
): Promise<StartedTask> {
  const response = await t.fetch(`/appliances/${applianceId}/rest/server-profiles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ name, type: 'ServerProfileV12' }),
  });
  await response.arrayBuffer();
  const taskUri = response.headers.get('x-task-uri') ?? '';
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? '',
    taskUri,
    taskId: taskUri.split('/').pop() ?? '',
  };
}

/** Starts a task on a simulator directly, as an operator on the appliance's own UI would. */
export async function startTaskOnAppliance(sim: SimulatorHandle, name: string): Promise<string> {
  const [taskId] = await startTasksOnAppliance(sim, [name]);
  return taskId!;
}

/** Starts one task per name on a simulator directly, in order, in one appliance session. */
export async function startTasksOnAppliance(
  sim: SimulatorHandle,
  names: readonly string[],
): Promise<string[]> {
  const headers = { 'x-api-version': '2000', 'content-type': 'application/json' };
  const login = await fetch(`${sim.url}/rest/login-sessions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ userName: 'Administrator', password: SIM_PASSWORD }),
  });
  const { sessionID } = (await login.json()) as { sessionID: string };
  const taskIds: string[] = [];
  for (const name of names) {
    const created = await fetch(`${sim.url}/rest/server-profiles`, {
      method: 'POST',
      headers: { ...headers, auth: sessionID },
      body: JSON.stringify({ name, type: 'ServerProfileV12' }),
    });
    const task = (await created.json()) as { uri: string };
    taskIds.push(task.uri.split('/').pop()!);
  }
  return taskIds;
}

/** Reads a JSON answer of the gateway with its status and headers. */
export async function getJson<T = Record<string, unknown>>(
  t: TestGateway,
  path: string,
  key = ADMIN_KEY,
): Promise<{ status: number; headers: Headers; body: T }> {
  const response = await t.fetch(path, { headers: { 'x-api-key': key } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** The feed's answer. */
export interface FeedPage {
  members: NormalizedTask[];
  count: number;
  start: number;
  total: number | null;
  nextPageUri: string | null;
}

/** Polls the feed until `accept` picks something, at most `timeoutMs` (the feed emits nothing). */
export async function waitForFeed<T>(
  t: TestGateway,
  path: string,
  accept: (page: FeedPage) => T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson<FeedPage>(t, path);
    const value = accept(body);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`feed ${path} did not match in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
