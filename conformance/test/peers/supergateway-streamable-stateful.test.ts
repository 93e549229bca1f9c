/** The compatibility matrix's column for supergateway + everything (Streamable, stateful). */
import { describePeer } from "./describe-peer.js";

describePeer("supergateway + everything (Streamable, stateful; --timeout 5000)");
