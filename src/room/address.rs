//! The host in the room's address: the address phones on the same network reach the laptop at.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};

/// The host to put in the room's address for a server bound to `bound`: its own ip, or, when it
/// listens on every interface (`0.0.0.0`, `::`), the address of the interface with the default
/// route; 127.0.0.1 when there is none (no network: only this laptop can join).
pub fn host_for(bound: SocketAddr) -> IpAddr {
    let ip = bound.ip();
    if !ip.is_unspecified() {
        return ip;
    }
    default_route_address(ip).unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The local address the kernel picks to reach an address outside this network. `connect` on a
/// UDP socket only chooses the route: no packet is sent. The destinations are documentation
/// addresses (RFC 5737, RFC 3849), which no host has, routed like any other outside address.
fn default_route_address(family: IpAddr) -> Option<IpAddr> {
    let (local, outside): (SocketAddr, SocketAddr) = match family {
        IpAddr::V4(_) => (
            (Ipv4Addr::UNSPECIFIED, 0).into(),
            (Ipv4Addr::new(192, 0, 2, 1), 9).into(),
        ),
        IpAddr::V6(_) => (
            (Ipv6Addr::UNSPECIFIED, 0).into(),
            (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 9).into(),
        ),
    };
    let socket = UdpSocket::bind(local).ok()?;
    socket.connect(outside).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified()).then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_address_is_its_own_host() {
        let lo: SocketAddr = "127.0.0.1:7007".parse().expect("address");
        assert_eq!(host_for(lo), lo.ip());
        let v6: SocketAddr = "[::1]:7007".parse().expect("address");
        assert_eq!(host_for(v6), v6.ip());
    }

    #[test]
    fn every_interface_gives_a_reachable_host_never_the_unspecified_one() {
        let all: SocketAddr = "0.0.0.0:7007".parse().expect("address");
        let host = host_for(all);
        assert!(!host.is_unspecified(), "{host}");
        assert!(host.is_ipv4(), "{host}");
    }
}
