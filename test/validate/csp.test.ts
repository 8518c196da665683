import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { standaloneValidatorCode } from '../../src/validate/index.js';
import { browserTestsRun, launchChromium } from '../helpers/chromium.js';
import { clone, exampleResponse, exampleSurvey, tempDir } from './fixtures.js';

const runtime = fileURLToPath(new URL('../../src/validate/index.ts', import.meta.url));
const CSP = "default-src 'self'; script-src 'self'";

/** Bundles a page script as a front end's build would. */
async function bundle(dir: string, name: string, source: string): Promise<string> {
  const entry = join(dir, `${name}.entry.mjs`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

describe.runIf(browserTestsRun)('a page under Content-Security-Policy: script-src self', () => {
  it('validates with the standalone module, where ajv compiling at run time is blocked', async () => {
    const survey = exampleSurvey();
    const valid = exampleResponse(survey);
    const invalid = clone(valid);
    invalid.answers.sex = 7;
    const dir = tempDir('csp-');
    await writeFile(
      join(dir, 'survey.validate.mjs'),
      standaloneValidatorCode(survey, { runtimeImport: runtime }),
    );
    const report = `const report = (value) => { document.body.dataset.result = JSON.stringify(value); };`;
    const scripts: Record<string, string> = {
      // What a page does with the generated module.
      '/standalone.js': await bundle(
        dir,
        'standalone',
        `import { validate } from './survey.validate.mjs'; ${report}
         const valid = ${JSON.stringify(valid)}; const invalid = ${JSON.stringify(invalid)};
         report([validate(valid).success, validate(invalid).issues.map((i) => i.code)]);`,
      ),
      // The control: the runtime validator needs 'unsafe-eval', so the policy must stop it.
      '/runtime.js': await bundle(
        dir,
        'runtime',
        `import { createResponseValidator } from ${JSON.stringify(runtime)}; ${report}
         try { createResponseValidator(${JSON.stringify(survey)}); report('compiled'); }
         catch (error) { report(error.name); }`,
      ),
    };
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      const script = scripts[path];
      const page = path.endsWith('.html')
        ? `<!doctype html><script type="module" src="/${path.slice(1, -5)}.js"></script>`
        : undefined;
      if (script === undefined && page === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        'content-type': script === undefined ? 'text/html' : 'text/javascript',
        'content-security-policy': CSP,
      });
      response.end(script ?? page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const browser = await launchChromium();
    try {
      const resultOf = async (name: string) => {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${port}/${name}.html`);
        await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 10_000 });
        return JSON.parse((await page.getAttribute('body', 'data-result'))!);
      };
      expect(await resultOf('standalone')).toEqual([true, ['unknown_code']]);
      expect(await resultOf('runtime')).toBe('EvalError');
    } finally {
      await browser.close();
      server.close();
    }
  });
});
