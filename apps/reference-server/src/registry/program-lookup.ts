/**
 * Finds a program the way a shell would, but once, at start, on the server's own PATH: the
 * registry then spawns that absolute file and never lets a registrant's PATH pick another one.
 */
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/** The absolute, symlink-free path of `program` (a name looked up on `pathVariable`, or a path). */
export function resolveProgram(program: string, pathVariable: string | undefined): string | undefined {
  if (program.includes("/")) return isAbsolute(program) ? executable(program) : undefined;
  for (const dir of (pathVariable ?? "").split(delimiter)) {
    if (!isAbsolute(dir)) continue; // a relative PATH entry would depend on the working directory
    const found = executable(join(dir, program));
    if (found) return found;
  }
  return undefined;
}

function executable(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    if (!statSync(real).isFile()) return undefined;
    accessSync(real, constants.X_OK);
    return real;
  } catch {
    return undefined;
  }
}
