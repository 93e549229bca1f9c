/** The compatibility matrix's column for the SDK v2 server (dual-era). */
import { describePeer } from "./describe-peer.js";

describePeer("SDK v2 server (dual-era)");
