//! The client's address, for anything that counts or logs per address.
//!
//! Directly connected, the client is the peer. Behind proxies the peer is a proxy, and each
//! proxy appends the address it saw to `X-Forwarded-For`; only the entries that our own proxies
//! appended can be believed, and everything to their left is whatever the client sent. So the
//! client is the right-most entry that is not itself one of our proxies, and `X-Forwarded-For`
//! counts only when the peer is one of them (`FFORWM_TRUSTED_PROXIES`).

use std::net::{IpAddr, SocketAddr};

use actix_web::{
    HttpRequest,
    http::header::{HeaderMap, X_FORWARDED_FOR},
    web,
};
use ipnet::IpNet;

/// The address of the client that sent `req`, after [`TrustedProxies`] registered as
/// `web::Data` (without it, the peer's). `None` when the connection has no peer address.
pub fn client_address(req: &HttpRequest) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    Some(match req.app_data::<web::Data<TrustedProxies>>() {
        Some(proxies) => proxies.client_address(peer, req.headers()),
        None => peer.to_canonical(),
    })
}

/// The proxies whose `X-Forwarded-For` is believed: addresses and CIDR blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list of addresses (`10.0.0.5`, `::1`) and CIDR blocks (`10.0.0.0/8`,
    /// `fd00::/8`); empty for none.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .map(|block| block.trunc())
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "`{entry}` is neither an IP address nor a CIDR block such as 10.0.0.0/8"
                        )
                    })
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|block| block.contains(&address))
    }

    /// The client behind `peer`: the peer itself unless it is a trusted proxy; otherwise the
    /// right-most `X-Forwarded-For` entry that is not a trusted proxy. When every entry is
    /// trusted, the left-most; when an entry cannot be read, the last one that could.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        // Several header lines make one list, in order (RFC 9110 §5.3).
        let lines: Vec<_> = headers.get_all(X_FORWARDED_FOR).collect();
        for line in lines.into_iter().rev() {
            let Ok(line) = line.to_str() else {
                return client;
            };
            for entry in line.rsplit(',') {
                let Some(address) = parse_entry(entry) else {
                    return client;
                };
                client = address;
                if !self.contains(address) {
                    return client;
                }
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an address, perhaps with a port (`1.2.3.4:80`, `[::1]:80`) or in
/// brackets (`[::1]`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    let address = entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .and_then(|e| e.parse().ok())
        })?;
    Some(address.to_canonical())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::net::{IpAddr, SocketAddr};

    use actix_web::{test::TestRequest, web};

    use super::{TrustedProxies, client_address};

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    /// The client address of a request from `peer` with these `X-Forwarded-For` lines.
    fn address_of(proxies: &str, peer: &str, forwarded_for: &[&str]) -> IpAddr {
        let mut request = TestRequest::default()
            .peer_addr(SocketAddr::new(ip(peer), 40_000))
            .app_data(web::Data::new(TrustedProxies::parse(proxies).unwrap()));
        for line in forwarded_for {
            request = request.append_header(("X-Forwarded-For", *line));
        }
        client_address(&request.to_http_request()).unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        assert_eq!(
            address_of("10.0.0.0/8", "203.0.113.9", &["198.51.100.1"]),
            ip("203.0.113.9")
        );
        assert_eq!(
            address_of("", "10.0.0.2", &["198.51.100.1"]),
            ip("10.0.0.2")
        );
        // Without the configuration registered at all: the peer.
        let request = TestRequest::default()
            .peer_addr("10.0.0.2:1234".parse().unwrap())
            .insert_header(("X-Forwarded-For", "198.51.100.1"))
            .to_http_request();
        assert_eq!(client_address(&request), Some(ip("10.0.0.2")));
    }

    #[test]
    fn a_trusted_peer_gives_the_right_most_untrusted_entry() {
        // The client claimed 6.6.6.6; our proxy appended what it saw.
        assert_eq!(
            address_of("10.0.0.0/8", "10.0.0.2", &["6.6.6.6, 198.51.100.7"]),
            ip("198.51.100.7")
        );
        // Two of our proxies in a row.
        assert_eq!(
            address_of(
                "10.0.0.0/8",
                "10.0.0.2",
                &["6.6.6.6, 198.51.100.7, 10.1.2.3"]
            ),
            ip("198.51.100.7")
        );
        // Lines are one list, in order.
        assert_eq!(
            address_of(
                "10.0.0.0/8",
                "10.0.0.2",
                &["6.6.6.6", "198.51.100.7,10.1.2.3"]
            ),
            ip("198.51.100.7")
        );
        // Nothing forwarded: the proxy itself.
        assert_eq!(address_of("10.0.0.0/8", "10.0.0.2", &[]), ip("10.0.0.2"));
        // Every hop trusted: the farthest one.
        assert_eq!(
            address_of("10.0.0.0/8", "10.0.0.2", &["10.9.9.9, 10.1.1.1"]),
            ip("10.9.9.9")
        );
    }

    #[test]
    fn an_unreadable_entry_stops_the_walk() {
        assert_eq!(
            address_of(
                "10.0.0.0/8",
                "10.0.0.2",
                &["198.51.100.7, unknown, 10.1.1.1"]
            ),
            ip("10.1.1.1")
        );
        assert_eq!(
            address_of("10.0.0.0/8", "10.0.0.2", &["garbage"]),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn blocks_match_by_prefix_and_addresses_exactly() {
        let proxies = TrustedProxies::parse(" 10.0.0.0/8 , 192.168.1.7,172.16.5.9/12").unwrap();
        assert!(proxies.contains(ip("10.255.1.1")));
        assert!(!proxies.contains(ip("11.0.0.1")));
        assert!(proxies.contains(ip("192.168.1.7")));
        assert!(!proxies.contains(ip("192.168.1.8")));
        // Host bits in a block are ignored: 172.16.5.9/12 is 172.16.0.0/12.
        assert!(proxies.contains(ip("172.31.255.255")));
        assert!(!proxies.contains(ip("172.32.0.1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse(" , ").unwrap().is_empty());
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0", "10.0.0.0/8;"] {
            let error = TrustedProxies::parse(bad).unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }

    #[test]
    fn ipv6_addresses_blocks_and_mapped_ipv4() {
        assert_eq!(
            address_of("fd00::/8", "fd00::1", &["2001:db8::5, fd12::3"]),
            ip("2001:db8::5")
        );
        // With a port or in brackets, as some proxies write them.
        assert_eq!(
            address_of("fd00::/8", "fd00::1", &["[2001:db8::6]:443"]),
            ip("2001:db8::6")
        );
        assert_eq!(
            address_of("::1", "::1", &["198.51.100.7:5000, [2001:db8::7]"]),
            ip("2001:db8::7")
        );
        // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d.
        assert_eq!(
            address_of("10.0.0.0/8", "::ffff:10.0.0.2", &["198.51.100.7"]),
            ip("198.51.100.7")
        );
        assert_eq!(
            address_of("10.0.0.0/8", "::ffff:203.0.113.9", &["198.51.100.7"]),
            ip("203.0.113.9")
        );
        assert!(
            !TrustedProxies::parse("fd00::/8")
                .unwrap()
                .contains(ip("fe80::1"))
        );
    }
}
