// Small helpers shared by the CLI commands: reading standard input, printing tables, command groups.
import type { Command } from 'commander';

/** Reads all of standard input; strips one trailing newline (as `echo pw |` adds one). */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('expected the value on standard input (e.g. `echo "$PASSWORD" | jha …`).');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function printTable(rows: Record<string, string>[], columns: string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(line(columns) + '\n');
  for (const r of rows) process.stdout.write(line(columns.map((c) => r[c] ?? '')) + '\n');
}

/** The subcommand group `name` of the program, created when no module has created it yet. */
export function commandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
