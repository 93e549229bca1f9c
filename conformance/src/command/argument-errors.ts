/**
 * The suggestions usage errors make: the closest known name to a mistyped one ("did you mean
 * --reporter?"), the names near an unknown check id, and the pointer to `--help` every usage
 * error ends with. One module, so every command-line and file error guesses the same way.
 */

/** The sentence every usage error ends with, instead of the whole help text. */
export function helpPointer(what: "option" | "command" = "option"): string {
  return `Run "mcp-contract --help" for every ${what}.`;
}

/** `message` as one sentence, then the pointer to --help. */
export function withHelpPointer(message: string, what: "option" | "command" = "option"): string {
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`;
  // A message that already points at a command to run (`Run "mcp-contract list"`) needs no second pointer.
  return /\bRun "mcp-contract [^"]*"/.test(sentence) ? sentence : `${sentence} ${helpPointer(what)}`;
}

/**
 * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1, so "chekc" is as near to "check" as "chek" is.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}

/**
 * How far apart two names may be for one to be a typo of the other: one edit in a short name,
 * about one in three in a longer one. Further apart, a guess would mislead more than it helps.
 */
function closeEnough(distance: number, input: string, candidate: string): boolean {
  return distance <= Math.max(1, Math.floor(Math.max(input.length, candidate.length) / 3));
}

/**
 * The candidate `input` most likely stands for, or undefined when none is close: an unknown word
 * gets no guess rather than a wrong one. Case is ignored. A start of exactly one candidate wins
 * (`lint` is lint-spec, not list); then the nearest by edit distance (ties go to the earlier
 * candidate); then a part of exactly one candidate (`sse` for `http+sse`).
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.toLowerCase();
  if (typed === "") return undefined;
  const starts = typed.length >= 3 ? candidates.filter((name) => name.toLowerCase().startsWith(typed)) : [];
  if (starts.length === 1) return starts[0];
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed, name.toLowerCase());
    if (closeEnough(distance, typed, name) && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  const within = typed.length >= 3 ? candidates.filter((name) => name.toLowerCase().includes(typed)) : [];
  return within.length === 1 ? within[0] : undefined;
}

/** `; did you mean X?` for the closest candidate, or "" when none is close. */
export function didYouMean(input: string, candidates: readonly string[], format: (name: string) => string = (name) => name): string {
  const guess = closest(input, candidates);
  return guess === undefined ? "" : `; did you mean ${format(guess)}?`;
}

/**
 * Up to `limit` candidates near `input`, nearest first: the close ones by edit distance, and those
 * that contain it or are contained in it (`sse` for `sse-framing`), for lists of ids where
 * several may be meant.
 */
export function nearNames(input: string, candidates: readonly string[], limit: number): string[] {
  const typed = input.toLowerCase();
  const scored = candidates
    .map((name, order) => ({ name, order, distance: editDistance(typed, name.toLowerCase()) }))
    .filter(({ name, distance }) => closeEnough(distance, typed, name) || (typed !== "" && (name.toLowerCase().includes(typed) || typed.includes(name.toLowerCase()))));
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.slice(0, limit).map(({ name }) => name);
}

/** `--flag value: did you mean X? Use one of a, b, c` for a value outside an option's list. */
export function choiceError(flag: string, value: string, choices: readonly string[]): string {
  const guess = closest(value, choices);
  const shown = value === "" ? `--${flag} ""` : `--${flag} ${value}`;
  return `${shown} is not one of ${choices.join(", ")}${guess === undefined ? "" : `; did you mean --${flag} ${guess}?`}`;
}
