/**
 * The lines the structured logger writes while `act` runs, as it writes them (Powertools writes
 * each entry as one JSON line to the process's standard output or error), so a test reads what
 * would reach CloudWatch, not the arguments of a call.
 */
export async function logLinesOf(act: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    await act();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return lines;
}
