'use strict';
// nginx as the reverse-proxy baseline: one worker process (the gateway row is one Node
// process too), upstream keep-alive, no access log, the same route shape as the gateway's
// appliance face. Runs in the foreground from a scratch prefix directory.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { freePort, startProcess } = require('./processes');

/** The nginx binary, or null when it is not installed (`npm run bench:setup`). */
function findNginx() {
  for (const candidate of ['nginx', '/usr/sbin/nginx', '/usr/local/sbin/nginx']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

/** Starts nginx proxying `/appliances/a/rest/...` to `upstreamUrl/rest/...`. */
async function startNginx(binary, upstreamUrl, scratchDir) {
  const prefix = path.join(scratchDir, 'nginx');
  for (const dir of ['tmp/body', 'tmp/proxy', 'tmp/fcgi', 'tmp/uwsgi', 'tmp/scgi', 'logs']) {
    fs.mkdirSync(path.join(prefix, dir), { recursive: true });
  }
  const port = await freePort();
  const upstream = new URL(upstreamUrl);
  const conf = `
daemon off;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  upstream appliance_a { server 127.0.0.1:${upstream.port}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location ~ ^/appliances/a/(rest/.*)$ {
      proxy_pass http://appliance_a/$1$is_args$args;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Gateway-Appliance a;
    }
  }
}
`;
  const confFile = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(confFile, conf);
  const args = ['-p', prefix, '-c', confFile, '-e', 'stderr'];
  const check = spawnSync(binary, ['-t', ...args], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the config:\n${check.stderr}`);

  // nginx prints nothing when it is ready: it is ready once its port accepts.
  const handle = await startProcess('nginx', binary, args, {
    ready: () => (fs.existsSync(path.join(prefix, 'nginx.pid')) ? true : null),
  });
  await waitForPort(port);
  return { ...handle, url: `http://127.0.0.1:${port}`, stop: () => handle.stop('SIGQUIT') };
}

async function waitForPort(port) {
  const net = require('node:net');
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx is not accepting on port ${port}`);
}

module.exports = { findNginx, startNginx };
