import type { Server } from 'node:http';
import { configuredCertificate, createServer, drain, hostForUrl, listen } from './http-servers';
import { loadCertificate } from './self-signed-certificate';
import { createSdkPortFace } from '../faces/sdk-port';
import type { SdkPortDeps } from '../faces/sdk-port';

/** One appliance served on its own port (SPEC 3.2). */
export interface SdkListener {
  applianceId: string;
  url: string;
  server: Server;
}

/**
 * Opens an HTTPS listener for every appliance with an `sdkPort`, on `server.host`, with
 * the main port's certificate, or a self-signed one made at start when none is configured
 * (SDKs are then told not to verify it, as the demo does).
 */
export async function startSdkListeners(deps: SdkPortDeps): Promise<SdkListener[]> {
  const { config, log } = deps;
  const entries = config.appliances.filter((entry) => entry.sdkPort !== null);
  if (entries.length === 0) return [];

  const configured = configuredCertificate(config);
  if (configured === undefined) log.warn('sdkPort listeners use a self-signed certificate');
  const certificate = configured ?? (await loadCertificate());

  const listeners: SdkListener[] = [];
  for (const entry of entries) {
    const face = createSdkPortFace(deps, entry.id);
    const server = createServer(config, (req, res) => void face(req, res), certificate);
    const port = await listen(server, config.server.host, entry.sdkPort ?? 0);
    const url = `https://${hostForUrl(config.server.host)}:${port}`;
    log.info({ appliance: entry.id, url }, 'appliance served as a OneView origin');
    listeners.push({ applianceId: entry.id, url, server });
  }
  return listeners;
}

/** Drains every SDK listener as the main port is drained. */
export async function drainSdkListeners(
  listeners: SdkListener[],
  timeoutMs: number,
): Promise<void> {
  await Promise.all(listeners.map((listener) => drain(listener.server, timeoutMs)));
}
