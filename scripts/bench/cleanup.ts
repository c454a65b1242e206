/**
 * What the run must undo, in reverse order of creation, whether it ends well, fails or times out.
 * Each undo gets a time limit so that a stuck server cannot keep the process alive; a failing undo
 * is reported and the others still run.
 */
export class Cleanup {
  private readonly steps: { name: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(name: string, undo: () => Promise<void>): void {
    this.steps.push({ name, undo });
  }

  /** Runs once; later calls wait for the same run. */
  run(timeoutMs = 15_000): Promise<void> {
    this.running ??= this.runSteps(timeoutMs);
    return this.running;
  }

  private async runSteps(timeoutMs: number): Promise<void> {
    for (const step of this.steps.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`took longer than ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([step.undo(), limit]);
      } catch (error) {
        console.error(`cleanup: could not ${step.name}: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
