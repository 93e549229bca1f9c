// The arithmetic behind `npm run bench`'s ratios and CPU column (bench/paired-rounds.ts,
// bench/process-cpu.ts): a wrong median or a misread /proc field would print a wrong verdict.
import { describe, expect, it } from "vitest";
import { median, pairedRatio, quantile, ratioCell, turnOrder } from "../bench/paired-rounds.js";
import { loadRows, memoryVerdict, type Window } from "../bench/load-rows.js";
import { cpuMs, withServerCpu } from "../bench/process-cpu.js";

describe("paired rounds", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("pairs each round's windows, so a drifting machine does not move the ratio", () => {
    // The machine halves its speed in round 2 and recovers in round 3; ours is 0.9× bare throughout.
    const bare = [10_000, 5_000, 9_000];
    const ours = [9_000, 4_500, 8_100];
    expect(pairedRatio(ours, bare)).toBeCloseTo(0.9, 10);
    // The ratio of the two medians would say 1.0 here, where ours lost two rounds of three.
    expect(pairedRatio([9_000, 9_500, 4_900], [10_000, 5_000, 9_000])).toBeLessThan(1);
    expect(median([9_000, 9_500, 4_900]) / median([10_000, 5_000, 9_000])).toBeCloseTo(1, 10);
  });

  it("prints the median ratio with the middle half of the rounds beside it", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 10);
    expect(quantile([], 0.5)).toBeNaN();
    // Per-round ratios 0.8, 0.9, 1.0, 1.1, 1.2 in shuffled rounds.
    expect(ratioCell([1.1, 0.8, 1.2, 0.9, 1.0], [1, 1, 1, 1, 1])).toBe("1.00× (0.90–1.10)");
  });

  it("refuses lists of different lengths", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/differ in count: 2 and 1/);
  });

  it("reverses the turn order every other round", () => {
    expect(turnOrder(["a", "b", "c"], 0)).toEqual(["a", "b", "c"]);
    expect(turnOrder(["a", "b", "c"], 1)).toEqual(["c", "b", "a"]);
    expect(turnOrder(["a", "b", "c"], 2)).toEqual(["a", "b", "c"]);
  });
});

describe("server CPU per request", () => {
  /** Busy work until this process's own CPU clock has moved by at least `ms` (bounded by a count). */
  function spin(ms: number): void {
    const used = (): number => {
      const { user, system } = process.cpuUsage();
      return user + system;
    };
    const until = used() + ms * 1000;
    for (let n = 0; n < 1e9 && used() < until; n++);
  }

  it("reads this process's CPU from /proc and sees it grow with work", async () => {
    const before = await cpuMs(process.pid);
    spin(60);
    const after = await cpuMs(process.pid);
    // /proc counts in 10 ms ticks: 60 ms of work shows as at least 40.
    expect(after - before).toBeGreaterThanOrEqual(40);
    expect(after - before).toBeLessThan(5_000);
  });

  it("divides the CPU spent during the load by the requests it answered", async () => {
    const measured = await withServerCpu(process.pid, async () => {
      spin(100);
      return { requests: 1_000 };
    });
    // ≥ 80 ms over 1,000 requests: at least 80 µs each (ticks and other threads can add a little).
    expect(measured.cpuUsPerRequest).toBeGreaterThanOrEqual(80);
    expect(measured.cpuUsPerRequest).toBeLessThan(5_000);
    expect(measured.requests).toBe(1_000);
    expect((await withServerCpu(process.pid, async () => ({ requests: 0 }))).cpuUsPerRequest).toBeNaN();
  });
});

describe("load rows", () => {
  const window = (requestsPerSecond: number, cpuUsPerRequest: number): Window => ({
    sessions: 50,
    requests: requestsPerSecond,
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: 2,
    cpuUsPerRequest,
  });

  it("judges the per-round ratios: CPU inverted, so less CPU than bare reads above 1", () => {
    const ours = [window(900, 110), window(450, 220), window(880, 100)];
    const bare = [window(1000, 100), window(500, 200), window(1000, 100)];
    const sdk = [window(100, 1000), window(50, 2000), window(100, 1000)];
    const [rate, latency, cpu] = loadRows(50, "client", { ours, sdk, bare });
    expect(rate).toBe("| req/s, 50 clients | 880 | 100 | 1000 | 0.90× (0.89–0.90) | 0.10× (0.10–0.10) | ≥ 0.9× met |");
    expect(latency).toBe("| p50 / p99 ms, 50 | 1.00 / 2.00 | 1.00 / 2.00 | 1.00 / 2.00 | | | |");
    expect(cpu).toBe("| server CPU µs per request, 50 | 110.0 | 1000.0 | 100.0 | 0.91× (0.91–0.95) | 0.10× (0.10–0.10) | ≥ 0.9× met |");
    // One round slower makes the median miss.
    const [slower] = loadRows(1, "session", { ours: [window(800, 100), window(450, 200), window(880, 100)], sdk, bare });
    expect(slower).toMatch(/^\| req\/s, 1 session \| .* \| 0\.88× .* ≥ 0\.9× \*\*missed\*\* \|$/);
  });

  it("gives no memory verdict on RSS that fell", () => {
    expect(memoryVerdict(12.5)).toBe("≤ 40 KiB met");
    expect(memoryVerdict(41)).toBe("≤ 40 KiB **missed**");
    expect(memoryVerdict(-3.1)).toMatch(/^no verdict/);
  });
});
