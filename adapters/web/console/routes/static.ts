import type { HttpRoute } from '../../../../src/index.js';
import { assetRoute } from '../../routes/asset-route.js';
import type { ConsoleDeps } from '../console-deps.js';

/** `GET /agent/static/<file>`: the console's script, styles and Chart.js. */
export function consoleStaticRoute(deps: ConsoleDeps): HttpRoute {
  return assetRoute('/agent/static/', (name) => deps.assets.get(name));
}
