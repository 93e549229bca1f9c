/** The compatibility matrix's column for mcp-proxy + everything (Streamable, stateful). */
import { describePeer } from "./describe-peer.js";

describePeer("mcp-proxy + everything (Streamable, stateful)");
