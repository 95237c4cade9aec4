import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, as these tests run it: no sandbox (root in CI), and none of the
 * background connections a closed network would refuse at every start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
