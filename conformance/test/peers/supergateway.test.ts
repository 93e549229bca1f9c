/** The compatibility matrix's column for supergateway wrapping server-everything over stdio. */
import { describePeer } from "./describe-peer.js";

describePeer("supergateway + everything");
