/** The compatibility matrix's column for fastmcp httpStream (stateful). */
import { describePeer } from "./describe-peer.js";

describePeer("fastmcp httpStream (stateful; --timeout 5000)");
