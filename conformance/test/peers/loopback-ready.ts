/**
 * The line loopback-listen.ts prints once a preloaded peer is bound; group 1 is its base URL.
 * Kept apart from the preload, which patches `listen()` in whatever process imports it.
 */
export const LOOPBACK_READY = /^\[loopback-listen\] pid=\d+ (http:\/\/127\.0\.0\.1:\d+)$/;
