import { cpus, loadavg, totalmem } from 'node:os';
import { megabytes } from './measure';

/** The machine a run's figures belong to: they mean little without it. */
export function printMachine(say: (line: string) => void): void {
  const cpuList = cpus();
  say(
    `machine:       ${cpuList[0]?.model ?? 'unknown CPU'}, ${cpuList.length} cores, ` +
      `${megabytes(totalmem())} RAM, Node ${process.version}`,
  );
  // Other work on the machine competes for the same cores and changes every figure below.
  say(
    `load average:  ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} (1, 5, 15 min) before the run`,
  );
}
