extension Interpreter {
    /// Deletes variables as seen from `scope`: each on the nearest scope up the chain that has it (only on `scope`
    /// itself when `local`). Names nobody has are ignored.
    mutating func deleteVariables(_ names: [String], from scope: ElementInstanceKey, local: Bool) {
        for name in Set(names).sorted() {
            var current: ElementInstanceKey? = scope
            while let key = current {
                if let old = state.variables[key]?[name] {
                    emit(.variableDeleted(scope: key, name: name, old: old))
                    break
                }
                current = local ? nil : state.elements[key]?.parent
            }
        }
    }
}
