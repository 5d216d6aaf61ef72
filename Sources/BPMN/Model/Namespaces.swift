/// The namespace URIs Baton understands. Elements and attributes are matched by these URIs, never by prefix.
public enum Namespaces {
    /// BPMN 2.0 semantic model.
    public static let bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    /// BPMN 2.0 diagram interchange.
    public static let bpmnDI = "http://www.omg.org/spec/BPMN/20100524/DI"
    /// Diagram Definition: common types (bounds, points).
    public static let dc = "http://www.omg.org/spec/DD/20100524/DC"
    /// Diagram Definition: diagram interchange (waypoints).
    public static let di = "http://www.omg.org/spec/DD/20100524/DI"
    /// XML Schema instance (`xsi:type`).
    public static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    /// The BPMN 2.0 beta namespace some old tools still write; not BPMN 2.0 final.
    public static let bpmnBeta = "http://schema.omg.org/spec/BPMN/2.0"
    /// Camunda 7.
    public static let camunda = "http://camunda.org/schema/1.0/bpmn"
    /// Operaton (the Camunda 7 fork): the same vocabulary under a new URI.
    public static let operaton = "http://operaton.org/schema/1.0/bpmn"
    /// Activiti, the legacy URI Camunda 7 still accepts.
    public static let activiti = "http://activiti.org/bpmn"
    /// Zeebe (Camunda 8).
    public static let zeebe = "http://camunda.org/schema/zeebe/1.0"
    /// Every URI that carries the Camunda 7 vocabulary.
    public static let camundaFamily: Set<String> = [camunda, operaton, activiti]
}
