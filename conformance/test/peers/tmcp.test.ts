/** The compatibility matrix's column for tmcp HttpTransport. */
import { describePeer } from "./describe-peer.js";

describePeer("tmcp HttpTransport");
