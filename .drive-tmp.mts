import { spawn } from 'node:child_process';
const D = process.argv[2]!;
const lines = process.argv.slice(3);
const p = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
  env: { ...process.env, DATA_DIR: D, EMBEDDINGS: 'off', KB_WATCH: 'false' },
});
let out = '';
p.stdout.on('data', (d) => (out += d));
p.stderr.on('data', (d) => (out += d));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
await wait(3000);
for (const l0 of lines) {
  const m = /request (T-\w+)/.exec(out);
  const l = l0.replace('$T', m?.[1] ?? 'none');
  out += `\n>>> ${l}\n`;
  p.stdin.write(l + '\n');
  await wait(800);
}
p.stdin.end();
await new Promise((r) => p.on('close', r));
console.log(out.split('/help this text, /quit to leave').slice(1).join('---'));
