/// One validation check: looks at an indexed document and reports every problem of its kind.
///
/// Rules must accept any model the reader produces: elements without ids (`""`), references to nothing, missing
/// attributes and deep nesting are all possible, and none may crash a rule.
protocol ValidationRule: Sendable {
    /// Every problem this rule finds in the document.
    func check(_ index: ModelIndex) -> [Diagnostic]
}
