extension XMLFragment {
    /// Whether this element is in one of the Camunda 7 family namespaces (Camunda, Operaton, Activiti).
    var isCamundaFamily: Bool {
        Namespaces.camundaFamily.contains(name.namespaceURI)
    }

    /// Whether this element is `localName` in a Camunda 7 family namespace.
    func isCamunda(_ localName: String) -> Bool {
        name.localName == localName && isCamundaFamily
    }

    /// The first Camunda-family child called `localName`.
    func camundaChild(_ localName: String) -> XMLFragment? {
        children.first { $0.isCamunda(localName) }
    }

    /// Every Camunda-family child called `localName`.
    func camundaChildren(_ localName: String) -> [XMLFragment] {
        children.filter { $0.isCamunda(localName) }
    }

    /// Whether this element is `localName` in the Zeebe namespace.
    func isZeebe(_ localName: String) -> Bool {
        name.localName == localName && name.namespaceURI == Namespaces.zeebe
    }

    /// Every Zeebe child called `localName`.
    func zeebeChildren(_ localName: String) -> [XMLFragment] {
        children.filter { $0.isZeebe(localName) }
    }

    /// The attributes other than the unprefixed ones named in `typed`, in document order: what a reader that types
    /// `typed` keeps verbatim.
    func attributes(except typed: Set<String>) -> [XMLAttribute] {
        attributes.filter { !($0.name.namespaceURI.isEmpty && typed.contains($0.name.localName)) }
    }

    /// The text, trimmed, or nil when there is none.
    var nonEmptyTrimmedText: String? {
        let trimmed = trimmedText
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension CamundaVocabulary {
    /// The vocabulary a Camunda-family namespace URI stands for.
    init?(namespaceURI: String) {
        switch namespaceURI {
        case Namespaces.camunda: self = .camunda
        case Namespaces.operaton: self = .operaton
        case Namespaces.activiti: self = .activiti
        default: return nil
        }
    }
}

extension String {
    /// The items of a comma-separated list, each trimmed, empty ones left out. Commas inside `${…}` or `#{…}` do
    /// not split, so `${a},${f(b, c)}` gives two items (as Camunda 7 reads candidate lists).
    func commaSeparatedItems() -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        for character in self {
            switch character {
            case "{":
                depth += 1
            case "}":
                depth = Swift.max(0, depth - 1)
            case "," where depth == 0:
                items.append(current)
                current = ""
                continue
            default:
                break
            }
            current.append(character)
        }
        items.append(current)
        return items.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// Fills an optional field once: returns false (and leaves the field alone) when it already holds a value, so the
/// caller can keep the second occurrence verbatim instead of dropping it.
func fillOnce<Value>(_ field: inout Value?, _ value: Value?) -> Bool {
    guard field == nil else { return false }
    field = value
    return true
}

/// Fills a list field once: returns false when it is already non-empty.
func fillOnce(_ field: inout [String], _ value: [String]) -> Bool {
    guard field.isEmpty else { return false }
    field = value
    return true
}
