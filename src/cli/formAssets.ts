import { existsSync, readFileSync } from 'node:fs';

/**
 * The browser files of the form page, built next to this module by tsup (`dist/browser/`). Missing
 * files are left out, so a collector still answers the API when the bundle was not built.
 */
export function formAssets(
  folder: URL = new URL('./browser/', import.meta.url),
): Record<string, { body: string; type: string }> {
  const assets: Record<string, { body: string; type: string }> = {};
  for (const name of ['kizuki-form.js']) {
    const url = new URL(name, folder);
    if (existsSync(url))
      assets[name] = { body: readFileSync(url, 'utf8'), type: 'text/javascript; charset=utf-8' };
  }
  return assets;
}
