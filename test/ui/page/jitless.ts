// Evaluated before kizuki/schema builds its schemas: zod must not probe for eval under the page's CSP.
// Exported and checked by main.ts, because the package is side-effect free and a bare import is dropped.
import { z } from 'zod';

export const zodConfig = z.config({ jitless: true });
