/** The compatibility matrix's column for the official SDK's SSEServerTransport under express (test/peers/sdk-sse-server.ts). */
import { describePeer } from "./describe-peer.js";

describePeer("SDK SSEServerTransport");
