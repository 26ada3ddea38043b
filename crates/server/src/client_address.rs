//! Who is asking (R-AUTH-7): the TCP peer, or the client a trusted reverse proxy reports. Only
//! the peers listed in `trusted_proxies` are believed, and only in the one header the proxy is
//! said to write (`forwarded_header`: `X-Forwarded-For` by default, or `Forwarded`, RFC 7239):
//! a proxy passes the other one through as the client sent it. Every line of that header is
//! read, in order, from the right, skipping the proxies: the first address that is not one of
//! them is the client (what a client wrote itself lies to the left of what the proxy added).
use ipnet::IpNet;
use std::net::IpAddr;

/// The header the trusted proxies write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForwardedHeader {
    #[default]
    XForwardedFor,
    Forwarded,
}

impl ForwardedHeader {
    pub fn name(self) -> &'static str {
        match self {
            ForwardedHeader::XForwardedFor => "x-forwarded-for",
            ForwardedHeader::Forwarded => "forwarded",
        }
    }
}

/// The configured proxies (`BAILLEUR_TRUSTED_PROXIES`, a list of CIDR blocks) and their header.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    pub networks: Vec<IpNet>,
    pub header: ForwardedHeader,
}

impl TrustedProxies {
    fn trusts(&self, address: IpAddr) -> bool {
        self.networks
            .iter()
            .any(|net| net.contains(&canonical(address)))
    }

    /// The client of a request from `peer` whose forwarded header has these lines, in order.
    pub fn client<'a>(&self, peer: IpAddr, lines: impl IntoIterator<Item = &'a str>) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<IpAddr> = lines
            .into_iter()
            .flat_map(|line| match self.header {
                ForwardedHeader::Forwarded => forwarded_for(line),
                ForwardedHeader::XForwardedFor => {
                    line.split(',').filter_map(parse_address).collect()
                }
            })
            .collect();
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

    fn proxies(header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies {
            networks: vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()],
            header,
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn r_auth_7_headers_of_an_untrusted_peer_are_ignored() {
        let xff = proxies(ForwardedHeader::XForwardedFor);
        assert_eq!(
            xff.client(ip("198.51.100.9"), ["203.0.113.7"]),
            ip("198.51.100.9")
        );
        let none = TrustedProxies::default();
        assert_eq!(none.client(ip("10.0.0.1"), ["203.0.113.7"]), ip("10.0.0.1"));
    }

    #[test]
    fn r_auth_7_a_trusted_proxy_reports_the_client() {
        let xff = proxies(ForwardedHeader::XForwardedFor);
        assert_eq!(
            xff.client(ip("10.0.0.1"), ["203.0.113.7"]),
            ip("203.0.113.7")
        );
        // What the client wrote itself is to the left of what the proxy added.
        assert_eq!(
            xff.client(ip("10.0.0.1"), ["1.1.1.1, 203.0.113.7, 10.0.0.2"]),
            ip("203.0.113.7")
        );
        // A proxy that adds its own line after the client's: every line is read, in order.
        assert_eq!(
            xff.client(ip("10.0.0.1"), ["6.6.6.6", "203.0.113.7"]),
            ip("203.0.113.7")
        );
        assert_eq!(
            xff.client(ip("::ffff:10.0.0.1"), ["garbage"]),
            ip("10.0.0.1"),
            "nothing readable: the proxy itself"
        );
        let forwarded = proxies(ForwardedHeader::Forwarded);
        assert_eq!(
            forwarded.client(
                ip("10.0.0.1"),
                ["for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""]
            ),
            ip("2001:db8:cafe::17")
        );
    }
}
