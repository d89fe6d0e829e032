import type { ChildProcess } from 'node:child_process';

/** Debian's redis-server on a loopback port, without persistence, in a directory removed at stop. */
export interface RunningRedis {
  url: string;
  port: number;
  process: ChildProcess;
  /** Stops answering (SIGSTOP), data intact: a Redis that hangs. */
  pause(): void;
  /** Answers again (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}
/** On `port` (a restart on the same port, say), else on a free one. */
export function startRedis(options?: { port?: number }): Promise<RunningRedis>;
