// The entry of the row checker's worker thread (check-rows-in-worker.ts). The server runs from TypeScript through
// tsx (node --import tsx), which a worker thread does not inherit: it registers tsx, then loads the checker.
import { register } from 'tsx/esm/api';

register();
await import('./check-rows-worker.ts');
