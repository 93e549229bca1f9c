/**
 * Keeps every open stream alive with one shared timer rather than one per stream; the timer runs
 * only while a stream is open.
 */
import type { SseChannel } from "./sse-channel.js";

export class KeepAlive {
  private readonly channels = new Set<SseChannel>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs: number) {}

  add(channel: SseChannel): void {
    this.channels.add(channel);
    if (this.timer === undefined) {
      this.timer = setInterval(tick, this.intervalMs, this.channels);
      this.timer.unref();
    }
  }

  delete(channel: SseChannel): void {
    this.channels.delete(channel);
    if (this.channels.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

function tick(channels: Set<SseChannel>): void {
  for (const channel of channels) channel.keepAlive();
}
