// Imported before kizuki, so that it runs before any schema is built: zod 4 probes for `new Function`
// to speed up parsing, and under `script-src 'self'` the probe is itself a CSP violation (even though
// zod catches the error). Parsing without it is as correct, and fast enough for a template.
// (An export rather than a bare import: the package says it has no side effects, so a bare import
// would be dropped by the bundler.)
import { z } from 'zod';

export const zodConfig = z.config({ jitless: true });
