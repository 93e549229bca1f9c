/** The compatibility matrix's column for mcp-proxy wrapping server-everything over stdio. */
import { describePeer } from "./describe-peer.js";

describePeer("mcp-proxy + everything");
