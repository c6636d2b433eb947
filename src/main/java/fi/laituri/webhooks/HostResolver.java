package fi.laituri.webhooks;

import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The name look-up of a receiver's host at delivery time: the port between Laituri and DNS, so that the
 * addresses a delivery connects to are the very ones {@link ReceiverAddresses} checked (and so that tests can
 * say what a name resolves to without asking DNS).
 */
interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver (DNS, /etc/hosts). */
    @Singleton
    class SystemResolver implements HostResolver {
        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            return List.of(InetAddress.getAllByName(host));
        }
    }
}
