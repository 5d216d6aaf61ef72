internal import CLibXML2

/// The Swift strings of the names libxml2 hands the SAX callbacks, cached by pointer.
///
/// libxml2 interns every element, attribute and prefix name and every namespace URI in the parser's dictionary,
/// so an equal name comes back as the same pointer for the whole parse: each distinct name is decoded once. The
/// table is open-addressed with a multiplicative hash of the address (Swift's `Dictionary` would run SipHash on
/// every lookup). It belongs to one parse and is dropped with it, so no pointer outlives the dictionary it came
/// from.
///
/// Namespace URIs that Baton knows are returned as the `Namespaces` constants themselves: equal in value to the
/// decoded text, but sharing its storage, so the reader's `namespaceURI == Namespaces.bpmn` checks succeed on the
/// first, bit-for-bit comparison.
struct InternedNames {
    private static let knownURIs: [String] = [
        Namespaces.bpmn, Namespaces.bpmnDI, Namespaces.dc, Namespaces.di, Namespaces.xsi, Namespaces.bpmnBeta,
        Namespaces.camunda, Namespaces.operaton, Namespaces.activiti, Namespaces.zeebe,
    ]

    /// Fibonacci hashing: 2^64 divided by the golden ratio (truncated on 32-bit platforms).
    private static let multiplier = UInt(truncatingIfNeeded: 0x9E37_79B9_7F4A_7C15 as UInt64)

    /// Addresses (0 = free slot); the capacity is a power of two.
    private var keys: [UInt]
    private var values: [String]
    private var count = 0
    /// `64 - log2(capacity)`: the hash keeps the top bits of the product.
    private var shift: Int

    init() {
        let capacity = 128
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: "", count: capacity)
        shift = UInt.bitWidth - capacity.trailingZeroBitCount
    }

    /// The string for `pointer`, decoded on first sight; `""` for nil (no namespace).
    mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UInt(bitPattern: pointer)
        var slot = self.slot(for: key)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { break }
            slot = (slot + 1) & (keys.count - 1)
        }
        let value = Self.canonical(String(cString: pointer))
        keys[slot] = key
        values[slot] = value
        count += 1
        if 2 * count > keys.count { grow() }
        return value
    }

    /// The string for `pointer`, or nil for nil (no prefix).
    mutating func optionalString(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer == nil ? nil : string(pointer)
    }

    private func slot(for key: UInt) -> Int {
        Int(truncatingIfNeeded: (key &* Self.multiplier) >> UInt(shift))
    }

    /// The `Namespaces` constant with exactly these bytes, else `value` itself.
    private static func canonical(_ value: String) -> String {
        let count = value.utf8.count
        for known in knownURIs where known.utf8.count == count && known.utf8.elementsEqual(value.utf8) {
            return known
        }
        return value
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = 2 * oldKeys.count
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: "", count: capacity)
        shift -= 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            var slot = slot(for: oldKeys[index])
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}
