/**
 * Recognises a leaked stack trace in an error a server sent, in the forms the common runtimes
 * print: `at fn (file.js:10:5)`, `at file.js:10:5` (Node), `File "x.py", line 3` (Python) and
 * `at com.x.Y.z(Y.java:42)` (JVM).
 */
const PATTERNS: readonly RegExp[] = [
  /\bat\s+[^\s()]+\s+\((?:[^()]*?):\d+:\d+\)/,
  /\bat\s+(?:file:\/\/|\/|[A-Za-z]:\\|node:)[^\s()]*:\d+:\d+/,
  /File "[^"]+", line \d+/,
  /\bat\s+[\w$.]+\([\w$]+\.(?:java|kt|scala):\d+\)/,
];

/** The first line that looks like a stack frame, or undefined. */
export function findStackTrace(text: string): string | undefined {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}
