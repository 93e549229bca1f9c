/** The compatibility matrix's column for @modelcontextprotocol/server-everything in sse mode. */
import { describePeer } from "./describe-peer.js";

describePeer("server-everything (sse)");
