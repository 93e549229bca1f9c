/**
 * eventsource-parser keeps a CR that ends a read until the next read shows whether an LF follows,
 * so an event whose blank line ends on such a CR is not dispatched until more bytes come, and
 * never if none do. By the WHATWG rules a lone CR ends its line at once. Feeding a read that ends
 * in CR as if it ended in CRLF, and dropping the LF that may begin the next read (the second half
 * of that CRLF), hands the parser the same lines, each complete as soon as it arrives.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */

/** Wraps a parser's `feed` so that a read ending in a lone CR completes its line at once. */
export function completeLinesAtCr(feed: (text: string) => void): (text: string) => void {
  let dropLeadingLf = false;
  return (text) => {
    if (text === "") return;
    const rest = dropLeadingLf && text.startsWith("\n") ? text.slice(1) : text;
    dropLeadingLf = text.endsWith("\r");
    feed(dropLeadingLf ? `${rest}\n` : rest);
  };
}
