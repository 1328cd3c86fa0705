package io.socketflow.transport;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.integration.ip.IpHeaders;

/**
 * The {@code ip_*} headers of a datagram, built once per sender and handed out again while it keeps sending: a small
 * direct-mapped cache, so a busy UDP listener does not build a map (and format an address) per datagram, a sixth of
 * what its datagrams cost the garbage collector. A sender whose slot another sender took gets its headers built again.
 * One per listener, used by its event loop only.
 */
final class SenderHeaders {

    /** A power of two; a few hundred clients sending at once each keep their headers. */
    private static final int SLOTS = 512;

    private final InetSocketAddress[] senders = new InetSocketAddress[SLOTS];

    @SuppressWarnings("unchecked")
    private final Map<String, Object>[] headers = new Map[SLOTS];

    Map<String, Object> of(InetSocketAddress sender) {
        int hash = sender.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        if (sender.equals(senders[slot])) {
            return headers[slot];
        }
        Map<String, Object> built = Map.of(IpHeaders.PACKET_ADDRESS, sender, IpHeaders.IP_ADDRESS,
                sender.getAddress().getHostAddress(), IpHeaders.PORT, sender.getPort());
        senders[slot] = sender;
        headers[slot] = built;
        return built;
    }

}
