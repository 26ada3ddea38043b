//! Who is asking (R-AUTH-7): the TCP peer, or the client a trusted reverse proxy reports. Only
//! the peers listed in `trusted_proxies` are believed; their `Forwarded` (RFC 7239) or
//! `X-Forwarded-For` header is read from the right, skipping the proxies, and the first address
//! that is not one of them is the client. Anyone else's header is ignored: anyone can write it.
use ipnet::IpNet;
use std::net::IpAddr;

/// The configured proxies (`BAILLEUR_TRUSTED_PROXIES`, a list of CIDR blocks).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&canonical(address)))
    }

    /// The client of a request from `peer` carrying these headers.
    pub fn client(
        &self,
        peer: IpAddr,
        forwarded: Option<&str>,
        x_forwarded_for: Option<&str>,
    ) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<IpAddr> = match (forwarded, x_forwarded_for) {
            (Some(forwarded), _) => forwarded_for(forwarded),
            (None, Some(list)) => list.split(',').filter_map(parse_address).collect(),
            (None, None) => vec![],
        };
        let mut client = peer;
        for hop in chain.into_iter().rev() {
            client = canonical(hop);
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// An IPv4 client seen through IPv6 (`::ffff:a.b.c.d`) is that IPv4 client.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// One address of a list: `203.0.113.7`, `[2001:db8::1]:443`, `"[2001:db8::1]"`, `1.2.3.4:80`.
fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = text.parse() {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = text.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

/// The `for=` values of a `Forwarded` header, in order (unknown or obfuscated ones skipped).
fn forwarded_for(header: &str) -> Vec<IpAddr> {
    header
        .split(',')
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            name.trim()
                .eq_ignore_ascii_case("for")
                .then(|| parse_address(value))
                .flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies() -> TrustedProxies {
        TrustedProxies(vec![
            "10.0.0.0/8".parse().unwrap(),
            "fd00::/8".parse().unwrap(),
        ])
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn r_auth_7_headers_of_an_untrusted_peer_are_ignored() {
        let client = proxies().client(ip("198.51.100.9"), None, Some("203.0.113.7"));
        assert_eq!(client, ip("198.51.100.9"));
        let none = TrustedProxies::default().client(ip("10.0.0.1"), Some("for=203.0.113.7"), None);
        assert_eq!(none, ip("10.0.0.1"));
    }

    #[test]
    fn r_auth_7_a_trusted_proxy_reports_the_client() {
        let proxies = proxies();
        assert_eq!(
            proxies.client(ip("10.0.0.1"), None, Some("203.0.113.7")),
            ip("203.0.113.7")
        );
        // A client that writes its own header gets it read past: the rightmost untrusted hop is
        // the one the proxy saw.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), None, Some("1.1.1.1, 203.0.113.7, 10.0.0.2")),
            ip("203.0.113.7")
        );
        assert_eq!(
            proxies.client(
                ip("::ffff:10.0.0.1"),
                Some("for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""),
                Some("9.9.9.9")
            ),
            ip("2001:db8:cafe::17")
        );
        // Nothing readable: the proxy itself.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), None, Some("garbage")),
            ip("10.0.0.1")
        );
    }
}
