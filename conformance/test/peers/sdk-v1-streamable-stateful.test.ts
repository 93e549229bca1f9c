/** The compatibility matrix's column for the SDK v1 StreamableHTTP (stateful). */
import { describePeer } from "./describe-peer.js";

describePeer("SDK v1 StreamableHTTP (stateful)");
