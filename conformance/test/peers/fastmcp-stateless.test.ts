/** The compatibility matrix's column for fastmcp httpStream (stateless). */
import { describePeer } from "./describe-peer.js";

describePeer("fastmcp httpStream (stateless)");
