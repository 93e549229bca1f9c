/**
 * Which repository file the SARIF results are filed under. GitHub code scanning shows every alert
 * on a file of the repository: a result's `artifactLocation.uri` must be a path relative to the
 * repository root, and an `http:` URL fails the upload. The checked server is not a file, so the
 * results point at one the user names (`--sarif-location`: their OpenAPI spec, baseline or
 * workflow), else the `--baseline` file, else, inside GitHub Actions, the running workflow file.
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { SarifArtifact } from "../report/sarif.js";

export interface ArtifactSources {
  /** `--sarif-location`, as typed. */
  readonly flag?: string | undefined;
  /** `--baseline`, as typed. */
  readonly baselineFile?: string | undefined;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The file to place results in (none when no source names one), or why the named one cannot be used. */
export type ArtifactChoice = { readonly artifact?: SarifArtifact } | { readonly error: string };

const EXAMPLE = "e.g. --sarif-location .github/workflows/mcp-contract.yml";

export function resolveSarifArtifact({ flag, baselineFile, cwd, env }: ArtifactSources): ArtifactChoice {
  const root = repositoryRoot(cwd, env);
  if (flag !== undefined) {
    const path = resolve(cwd, flag);
    if (!isFile(path)) return { error: `--sarif-location ${flag}: no such file; name a file of your repository for code-scanning alerts to be filed under (${EXAMPLE})` };
    const artifact = artifactAt(root, path);
    return artifact ? { artifact } : { error: `--sarif-location ${flag} is outside the repository at ${root}: name a file inside it (${EXAMPLE})` };
  }
  if (baselineFile !== undefined) {
    const path = resolve(cwd, baselineFile);
    const artifact = isFile(path) ? artifactAt(root, path) : undefined;
    if (artifact) return { artifact };
  }
  const workflow = workflowFile(root, env);
  return workflow ? { artifact: workflow } : {};
}

/** The advice printed when SARIF is written with no file to place results in. */
export const NO_ARTIFACT_HINT =
  "the SARIF results name no repository file, and GitHub code scanning files every alert under one: " +
  `add --sarif-location <a file of your repository> (${EXAMPLE}; default: the --baseline file, or the running GitHub Actions workflow)`;

/** GITHUB_WORKSPACE in Actions; else the nearest folder holding `.git`; else the working directory. */
function repositoryRoot(cwd: string, env: ArtifactSources["env"]): string {
  const workspace = env["GITHUB_WORKSPACE"];
  if (workspace && isWithin(resolve(workspace), resolve(cwd))) return resolve(workspace);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** The running workflow's file, from GITHUB_WORKFLOW_REF ("owner/repo/.github/workflows/x.yml@refs/heads/main"). */
function workflowFile(root: string, env: ArtifactSources["env"]): SarifArtifact | undefined {
  const ref = env["GITHUB_WORKFLOW_REF"];
  if (!ref) return undefined;
  const at = ref.lastIndexOf("@");
  const path = at >= 0 ? ref.slice(0, at) : ref;
  const start = path.indexOf(".github/workflows/");
  if (start < 0) return undefined;
  const file = join(root, path.slice(start));
  return isFile(file) ? artifactAt(root, file) : undefined;
}

/** The file as a repository-relative URI (POSIX separators, each segment percent-encoded), with its text. */
function artifactAt(root: string, path: string): SarifArtifact | undefined {
  if (!isWithin(root, path)) return undefined;
  const uri = relative(root, path).split(sep).map(encodeURIComponent).join("/");
  return { uri, text: readFileSync(path, "utf8") };
}

/** `path` is `root` or lies below it. */
function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
