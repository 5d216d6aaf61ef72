/// `no-executable-process` (warning): the document has processes, but none is marked `isExecutable="true"`, so it
/// deploys nothing that can run (Baton, like the BPMN standard, treats a missing attribute as not executable). One
/// warning, on the first process. The structural rules still check such processes.
struct NoExecutableProcessRule: ValidationRule {
    func check(_ index: ModelIndex) -> [Diagnostic] {
        let processes = index.definitions.processes
        guard let first = processes.first, !processes.indices.contains(where: index.isExecutable(process:)) else {
            return []
        }
        let marked = first.isExecutable == false ? "isExecutable=\"false\"" : "no isExecutable attribute"
        let which = processes.count == 1 ? "process '\(first.id)' has \(marked)" : "none of its \(processes.count) "
            + "processes is executable (process '\(first.id)' has \(marked))"
        return [Diagnostic(
            .warning, .noExecutableProcess,
            "\(which), so nothing in this file will run; set isExecutable=\"true\" on the process to deploy it",
            at: first.location, element: first.id.reportable)]
    }
}
