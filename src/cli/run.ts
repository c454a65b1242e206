/**
 * Runs a command's `main` and exits with its code; an unexpected failure is printed as one line
 * (bilingual, never a stack with personal data) and exits with `failureCode`.
 */
export function runCommand(name: string, main: () => Promise<number>, failureCode = 2): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name} gagal / failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(failureCode);
    },
  );
}

/** What a command says to arguments it cannot run with: the reason, then how it is used. Exit code 2. */
export function usageError(usage: string): (reason: string) => number {
  return (reason) => {
    console.error(`${reason}\n\n${usage}`);
    return 2;
  };
}
