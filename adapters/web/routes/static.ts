import type { HttpRoute } from '../../../src/index.js';
import type { WebDeps } from '../deps.js';
import { assetRoute } from './asset-route.js';

/** `GET /static/<file>`: the chat page's script, styles and strings. */
export function staticRoute(deps: WebDeps): HttpRoute {
  return assetRoute('/static/', (name) => deps.assets.get(name));
}
