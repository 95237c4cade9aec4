import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/index.js';
import { zip } from './zip.js';

/**
 * `npm run teams:package`: the Teams app package to sideload (Teams admin center or "Upload a
 * custom app"): manifest.json with the bot's app id filled in, plus the two icons, zipped.
 */

/** The folder of the manifest template and icons (from the project folder: also found from `dist/`). */
export const MANIFEST_DIR = path.join(PROJECT_ROOT, 'adapters', 'teams', 'manifest');

const APP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The zip for `appId` (the Azure Bot's Microsoft App ID, a GUID); BAD app ids throw. */
export function buildAppPackage(appId: string, dir = MANIFEST_DIR): Buffer {
  if (!APP_ID.test(appId))
    throw new Error(`MICROSOFT_APP_ID must be the bot's app id (a GUID), not "${appId.slice(0, 60)}"`);
  const template = readFileSync(path.join(dir, 'manifest.json'), 'utf8');
  const manifest = template.replaceAll('${MICROSOFT_APP_ID}', appId.toLowerCase());
  JSON.parse(manifest);
  return zip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: readFileSync(path.join(dir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(dir, 'outline.png')) },
  ]);
}

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** The CLI: `--app-id` (else MICROSOFT_APP_ID), `--out` (else data/teams-app.zip). */
export function main(args: readonly string[], env: Record<string, string | undefined>): number {
  const appId = argValue(args, '--app-id') ?? env.MICROSOFT_APP_ID ?? '';
  const out = path.resolve(argValue(args, '--out') ?? path.join('data', 'teams-app.zip'));
  try {
    const data = buildAppPackage(appId.trim());
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, data);
    process.stdout.write(
      `Teams app package: ${out}\nUpload it in Teams (Apps > Manage your apps > Upload an app).\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\nusage: npm run teams:package [-- --app-id <guid>] [--out file.zip]\n`,
    );
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A command-line entry point reads its own environment, as the ones in src/cli do.
  // eslint-disable-next-line no-restricted-properties
  process.exitCode = main(process.argv.slice(2), process.env);
}
