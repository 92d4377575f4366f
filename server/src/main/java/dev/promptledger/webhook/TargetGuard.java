package dev.promptledger.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Which addresses a webhook may reach: never link-local ones (cloud metadata services),
 * and no loopback, private, shared or otherwise non-public ones unless private targets
 * are allowed. It is the delivery client's {@link DnsResolver}, so the addresses checked
 * are exactly those connected to, at every delivery (a name that later resolves elsewhere
 * is caught).
 */
final class TargetGuard implements DnsResolver {

	private final boolean allowPrivate;

	TargetGuard(boolean allowPrivate) {
		this.allowPrivate = allowPrivate;
	}

	/** Why the URL may not be a target, or null when it may. */
	String problem(URI url) throws UnknownHostException {
		for (InetAddress address : InetAddress.getAllByName(host(url))) {
			String problem = problem(address);
			if (problem != null) {
				return url.getHost() + " resolves to " + address.getHostAddress() + ", " + problem;
			}
		}
		return null;
	}

	/** Why the address may not be a target, or null when it may. */
	String problem(InetAddress address) {
		if (address.isLinkLocalAddress() || isMetadata(address)) {
			return "a link-local address (cloud metadata services live there), never a webhook target";
		}
		if (this.allowPrivate) {
			return null;
		}
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isSiteLocalAddress()
				|| address.isMulticastAddress() || isOtherNonPublic(address)) {
			return "a loopback or private address, refused unless PROMPTLEDGER_WEBHOOK_ALLOW_PRIVATE=true";
		}
		return null;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
		for (InetAddress address : addresses) {
			String problem = problem(address);
			if (problem != null) {
				throw new UnknownHostException(host + " resolves to " + address.getHostAddress() + ", " + problem);
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
	}

	/** The URL's host without the brackets of an IPv6 literal. */
	static String host(URI url) {
		String host = url.getHost();
		return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
	}

	/** The IPv6 address of AWS's instance metadata service, a unique-local one. */
	private static boolean isMetadata(InetAddress address) {
		return address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
	}

	private static boolean isOtherNonPublic(InetAddress address) {
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return first == 0 // "this" network
					|| (first == 100 && second >= 64 && second < 128) // shared (CGNAT)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF
																			// protocol
					|| (first == 198 && (second == 18 || second == 19)) // benchmarking
					|| first >= 240; // reserved, broadcast
		}
		if (address instanceof Inet6Address) {
			return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
		}
		return false;
	}

}
