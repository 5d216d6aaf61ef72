/// Models for the external task, message, job and incident route tests.
enum OpsModels {
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

    /// `work`: start → `task` (external, topic `mail`) → `after` (user task); boundary `E_FAIL` → `handled`.
    /// `waiting`: start → receive task for message `Paid` → end; `intake`: started by message `Order`.
    /// `call`: a connector task failing with no retries (R0) → an incident at once.
    static let all = definitions(
        """
        <error id="fail" errorCode="E_FAIL"/><message id="paid" name="Paid"/><message id="order" name="Order"/>
        <signal id="ring" name="Ring"/>
        <process id="work" isExecutable="true">
          <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="task"/>
          <serviceTask id="task" camunda:type="external" camunda:topic="mail">
            <extensionElements><camunda:properties><camunda:property name="provider" value="acme"/>
            </camunda:properties></extensionElements>
          </serviceTask>
          <boundaryEvent id="failed" attachedToRef="task"><errorEventDefinition errorRef="fail"/></boundaryEvent>
          <sequenceFlow id="f1" sourceRef="task" targetRef="after"/><userTask id="after"/>
          <sequenceFlow id="f2" sourceRef="after" targetRef="end"/><endEvent id="end"/>
          <sequenceFlow id="f3" sourceRef="failed" targetRef="handled"/><userTask id="handled"/>
        </process>
        <process id="waiting" isExecutable="true">
          <startEvent id="ws"/><sequenceFlow id="w0" sourceRef="ws" targetRef="wait"/>
          <receiveTask id="wait" messageRef="paid"/><sequenceFlow id="w1" sourceRef="wait" targetRef="bell"/>
          <intermediateCatchEvent id="bell"><signalEventDefinition signalRef="ring"/></intermediateCatchEvent>
          <sequenceFlow id="w2" sourceRef="bell" targetRef="we"/><endEvent id="we"/>
        </process>
        <process id="intake" isExecutable="true">
          <startEvent id="byMessage"><messageEventDefinition messageRef="order"/></startEvent>
          <sequenceFlow id="i0" sourceRef="byMessage" targetRef="handle"/><userTask id="handle"/>
        </process>
        <process id="call" isExecutable="true">
          <startEvent id="cs"/><sequenceFlow id="c0" sourceRef="cs" targetRef="http"/>
          <serviceTask id="http"><extensionElements>
            <camunda:failedJobRetryTimeCycle>R0/PT1M</camunda:failedJobRetryTimeCycle>
            <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId>
            <camunda:inputOutput><camunda:inputParameter name="url">http://127.0.0.1:9/</camunda:inputParameter>
            </camunda:inputOutput></camunda:connector></extensionElements></serviceTask>
          <sequenceFlow id="c1" sourceRef="http" targetRef="ce"/><endEvent id="ce"/>
        </process>
        <process id="pause" isExecutable="true">
          <startEvent id="ps"/><sequenceFlow id="p0" sourceRef="ps" targetRef="timer"/>
          <intermediateCatchEvent id="timer"><timerEventDefinition><timeDuration>PT1H</timeDuration>
          </timerEventDefinition></intermediateCatchEvent>
          <sequenceFlow id="p1" sourceRef="timer" targetRef="pe"/><endEvent id="pe"/>
        </process>
        """)
}
