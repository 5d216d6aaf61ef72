import EngineRuntime

/// Small models for runtime tests.
enum Models {
    static func definitions(_ processes: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
            \(processes)
            </definitions>
            """.utf8)
    }

    /// start → review (user task) → end.
    static let approval = definitions(
        """
        <process id="approval" name="Approval" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
          <userTask id="review" name="Review" camunda:candidateGroups="reviewers"/>
          <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
        </process>
        """)

    /// start → wait for message `Paid-${order}` → end; and a process started by message `Order`.
    static let messages = definitions(
        """
        <message id="paid" name="Paid"/><message id="order" name="Order"/>
        <process id="payment" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="wait"/>
          <receiveTask id="wait" messageRef="paid"/><sequenceFlow id="f1" sourceRef="wait" targetRef="end"/>
          <endEvent id="end"/>
        </process>
        <process id="intake" isExecutable="true">
          <startEvent id="byMessage"><messageEventDefinition messageRef="order"/></startEvent>
          <sequenceFlow id="g0" sourceRef="byMessage" targetRef="handle"/><userTask id="handle"/>
        </process>
        """)

    /// parent calls child (a user task), passing `amount` in and `result` out.
    static let calls = definitions(
        """
        <process id="parent" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="call"/>
          <callActivity id="call" calledElement="child">
            <extensionElements><camunda:in source="amount" target="amount"/><camunda:out source="result" target="result"/></extensionElements>
          </callActivity>
          <sequenceFlow id="f1" sourceRef="call" targetRef="end"/><endEvent id="end"/>
        </process>
        <process id="child" isExecutable="true">
          <startEvent id="cs"/><sequenceFlow id="c0" sourceRef="cs" targetRef="work"/><userTask id="work"/>
          <sequenceFlow id="c1" sourceRef="work" targetRef="ce"/><endEvent id="ce"/>
        </process>
        """)
}
