/** Starts the benchmarks' server process (web-server.ts) and reads the JSON line it prints when ready. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Setup {
  kind: string;
  appPort: number;
  barePort: number;
  inspectionId: string;
  courtCaseIds: string[];
  token: string;
  cookies: string[];
}

export function startBenchServer(env: NodeJS.ProcessEnv, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/web-server.ts', dataDir], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const setup = new Promise<Setup>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line && output.includes('\n')) resolve(JSON.parse(line) as Setup);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, setup };
}
