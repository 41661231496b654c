import { availableParallelism } from 'node:os';

/** How many threads convert posts by default: one per core, at most 8. */
export function defaultJobs(): number {
  return Math.min(availableParallelism(), 8);
}
