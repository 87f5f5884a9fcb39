import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Debian's nginx serving a folder of pre-gzipped tiles on loopback, one worker, the headers a tile server
 * sends (type, encoding, cache control, CORS). Stopped by PID.
 */
export async function startNginx(
  root: string,
  dir: string,
  port: number,
): Promise<{ stop(): Promise<void> }> {
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  types { application/vnd.mapbox-vector-tile mvt; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    etag on;
    location /tiles/ {
      add_header Content-Encoding gzip;
      add_header Cache-Control "public, max-age=31536000, immutable";
      add_header Access-Control-Allow-Origin *;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  return {
    async stop() {
      child.kill('SIGQUIT');
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    },
  };
}
