// What a client may read of an error raised by a library (a parser, DuckDB, the file system): its
// first line, without the machine's paths, cut to a readable length. The full error goes to the log.

const PATH = /(?:[A-Za-z]:)?(?:\/|\\)(?:[\w.@+-]+(?:\/|\\))+([\w.@+-]+)/g;

/** The first line of the message, each absolute path replaced by its last part, at most 300 characters. */
export function clientMessage(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  const line = text.split('\n')[0]!.replace(PATH, (_path, file: string) => file);
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
