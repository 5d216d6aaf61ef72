/// What an expression can see while it is evaluated: variables (through the scope chain) and the current time.
public protocol EvaluationContext {
    /// The variable's value in the nearest scope that defines it; nil when no scope defines it (`null` is a value).
    func variable(_ name: String) -> Value?
    /// The clock reading `now()` and `today()` return; supplied by the caller, never read from the system.
    var now: DateTime { get }
}
