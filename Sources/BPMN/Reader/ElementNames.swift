/// Which BPMN-namespace elements may stand where, beyond the flow nodes and flow elements the reader models: the
/// reader keeps the others verbatim and reports those BPMN 2.0 does not define at that place.
enum ElementNames {
    /// Children of a process or sub-process that other readers handle (the container's own attributes, data and
    /// resource roles).
    static let handledInContainer: Set<String> = [
        "documentation", "extensionElements", "incoming", "outgoing", "ioSpecification", "property",
        "dataInputAssociation", "dataOutputAssociation", "multiInstanceLoopCharacteristics",
        "standardLoopCharacteristics", "completionCondition", "resourceRole", "performer", "humanPerformer",
        "potentialOwner",
    ]

    /// Children of a process that BPMN 2.0 defines but Baton does not model: kept verbatim, no diagnostic.
    static let keptInContainer: Set<String> = [
        "auditing", "monitoring", "correlationSubscription", "supports", "ioBinding",
    ]

    /// Root elements BPMN 2.0 defines that Baton does not model: kept verbatim, no diagnostic.
    static let keptRootElements: Set<String> = [
        "interface", "resource", "partnerEntity", "partnerRole", "correlationProperty", "globalTask",
        "globalUserTask", "globalScriptTask", "globalBusinessRuleTask", "globalManualTask", "choreography",
        "globalChoreographyTask", "globalConversation", "endPoint", "relationship", "extension", "operation",
    ]
}
