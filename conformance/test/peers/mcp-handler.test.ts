/** The compatibility matrix's column for mcp-handler. */
import { describePeer } from "./describe-peer.js";

describePeer("mcp-handler");
