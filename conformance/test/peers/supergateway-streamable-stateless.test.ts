/** The compatibility matrix's column for supergateway + everything (Streamable, stateless). */
import { describePeer } from "./describe-peer.js";

describePeer("supergateway + everything (Streamable, stateless; --timeout 5000)");
