/// The console's rule for a route's port: 25, 587, or 1024–65535. Port 465 (implicit TLS)
/// serves the SMTP relay service but is refused for routes.
enum RoutePort {
    static func isAllowed(_ port: Int) -> Bool {
        port == 25 || port == 587 || (1024...65535).contains(port)
    }

}
