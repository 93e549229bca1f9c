/** The compatibility matrix's column for the reference server, in this process, in the Spice dialect. */
import { describePeer } from "./describe-peer.js";

describePeer("reference server (Spice)");
