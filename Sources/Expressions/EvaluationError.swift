/// Why an expression could not produce a value. The engine turns it into an incident on the element.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The category of failure.
    public enum Kind: Sendable, Hashable {
        /// JUEL: a name no scope defines ("Cannot resolve identifier 'x'").
        case unknownName
        /// An operator or function got a value of the wrong type.
        case typeMismatch
        /// Integer division or modulo by zero.
        case divisionByZero
        /// An unknown function or a method outside the whitelist.
        case unknownFunction
        /// A function called with the wrong number or kind of arguments.
        case invalidArgument
        /// Index out of range and other failures.
        case other
    }

    /// The category.
    public var kind: Kind
    /// A message for people, e.g. "Cannot resolve identifier 'amount'".
    public var message: String

    /// Creates an evaluation error.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
