/// The SPF test zones under spf.test.example, served by ``UnboundServer``: one planted problem
/// each, with the lookup count a receiver (and checkdmarc) should reach. SPFTests and
/// SPFCheckdmarcTests read the same list.
enum SPFTestZones {
    struct Zone {
        var name: String
        /// DNS-querying terms across the tree, as RFC 7208 §4.6.4 counts them; nil where no
        /// count is meaningful (no record, or a permerror before any term is evaluated).
        var lookups: Int?
    }

    static func name(_ label: String) -> String { "\(label).spf.test.example" }

    private static func txt(_ label: String, _ strings: String...) -> String {
        "\(name(label)). TXT " + strings.map { "\"\($0)\"" }.joined(separator: " ")
    }

    static let records: [String] = [
        txt("good", "v=spf1 ip4:192.0.2.0/24 mx include:_spf.google.com -all"),
        "good.spf.test.example. MX 10 mx.test.example.",
        // One record in two strings, split inside a term: read as one (RFC 7208 §3.3).
        txt("split", "v=spf1 ip4:192.0.2.1 ip4:192.0", ".2.2 include:_spf.google.com -all"),
        txt("nospf", "google-site-verification=abc"),
        txt("multiple", "v=spf1 ip4:192.0.2.1 -all"),
        txt("multiple", "v=spf1 include:_spf.google.com ~all"),
        txt("syntax", "v=spf1 ip4:192.0.2.300 include:_spf.google.com -all"),
        // 3 + (3 + 4) + 2 + 0 = 12 lookups.
        txt("many", "v=spf1 include:l1.spf.test.example include:l2.spf.test.example include:l3.spf.test.example -all"),
        txt("l1", "v=spf1 a mx include:l4.spf.test.example -all"),
        "l1.spf.test.example. A 127.0.0.1",
        "l1.spf.test.example. MX 10 mx.test.example.",
        txt("l2", "v=spf1 a:mx.test.example exists:mx.test.example -all"),
        txt("l3", "v=spf1 ip4:192.0.2.3 -all"),
        txt("l4", "v=spf1 a:mx.test.example a:mail.test.example mx:good.test.example mx:good.test.example -all"),
        // 1 + (1 + 3 + 4) + 1 = 10: the limit itself is allowed.
        txt("ten", "v=spf1 a:mx.test.example include:l1.spf.test.example include:l3.spf.test.example -all"),
        txt("void", "v=spf1 a:gone1.spf.test.example a:gone2.spf.test.example mx:gone3.spf.test.example ip4:192.0.2.1 -all"),
        txt("plusall", "v=spf1 +all"),
        txt("neutral", "v=spf1 ip4:192.0.2.1 include:_spf.google.com ?all"),
        // An included record's ?all only means "no match here"; its +all lets everyone in.
        txt("incneutral", "v=spf1 include:neutral.spf.test.example -all"),
        txt("incplus", "v=spf1 include:plusall.spf.test.example -all"),
        txt("ptr", "v=spf1 ptr include:_spf.google.com -all"),
        txt("loop", "v=spf1 include:loop2.spf.test.example -all"),
        txt("loop2", "v=spf1 ip4:192.0.2.2 include:loop.spf.test.example -all"),
        txt("self", "v=spf1 include:self.spf.test.example -all"),
        txt("redirect", "v=spf1 redirect=good.spf.test.example"),
        txt("nested", "v=spf1 include:provider.spf.test.example -all"),
        txt("provider", "v=spf1 ip4:192.0.2.9 include:_spf.google.com ~all"),
        txt("nogoogle", "v=spf1 include:l3.spf.test.example -all"),
        txt("incmissing", "v=spf1 include:nospf.spf.test.example -all"),
        txt("refused", "v=spf1 include:spf.refused.example -all"),
    ]

    /// Every zone whose top record is looked up in the tests, with its expected count.
    static let zones: [Zone] = [
        Zone(name: name("good"), lookups: 2),
        Zone(name: name("split"), lookups: 1),
        Zone(name: name("nospf"), lookups: nil),
        Zone(name: name("absent"), lookups: nil),
        Zone(name: name("multiple"), lookups: nil),
        Zone(name: name("syntax"), lookups: nil),
        Zone(name: name("many"), lookups: 12),
        Zone(name: name("ten"), lookups: 10),
        Zone(name: name("void"), lookups: 3),
        Zone(name: name("plusall"), lookups: 0),
        Zone(name: name("neutral"), lookups: 1),
        Zone(name: name("incneutral"), lookups: 2),
        Zone(name: name("incplus"), lookups: 1),
        Zone(name: name("ptr"), lookups: 2),
        Zone(name: name("loop"), lookups: nil),
        Zone(name: name("self"), lookups: nil),
        Zone(name: name("redirect"), lookups: 3),
        Zone(name: name("nested"), lookups: 2),
        Zone(name: name("nogoogle"), lookups: 1),
        Zone(name: name("incmissing"), lookups: 1),
    ]
}
