import Foundation
import HTTPTypes

/// BPMN models and multipart bodies for the deployment, definition and instance route tests.
enum DeployFixtures {
    static func definitions(_ processes: String, namespace: String = "http://baton.test/models") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="\(namespace)">
        \(processes)
        </definitions>
        """
    }

    /// start → review (user task) → end; a second start event `alt` (message) leads to the same task.
    static func approval(name: String = "Approval", versionTag: String = "1.0") -> String {
        definitions(
            """
            <process id="approval" name="\(name)" isExecutable="true" camunda:versionTag="\(versionTag)"
              camunda:historyTimeToLive="P30D" camunda:candidateStarterGroups="analysts">
              <documentation>Approves things.</documentation>
              <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="review"/>
              <startEvent id="alt"><messageEventDefinition messageRef="m"/></startEvent>
              <sequenceFlow id="f2" sourceRef="alt" targetRef="review"/>
              <userTask id="review" name="Review"/>
              <sequenceFlow id="f1" sourceRef="review" targetRef="end"/><endEvent id="end"/>
            </process>
            <message id="m" name="AltStart"/>
            """)
    }

    /// start → work (user task for `${assignee}` and the candidate groups `${groups}`) → end.
    static let assigned = definitions(
        """
        <process id="assigned" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="work"/>
          <userTask id="work" name="Work" camunda:assignee="${assignee}" camunda:candidateGroups="${groups}"/>
          <sequenceFlow id="b" sourceRef="work" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    /// start → a gateway whose condition reads an unknown variable: an `expressionFailed` incident on `calc`.
    static let failing = definitions(
        """
        <process id="failing" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="calc"/>
          <exclusiveGateway id="calc" name="Calc" default="other"/>
          <sequenceFlow id="c" sourceRef="calc" targetRef="e">
            <conditionExpression>${missing &gt; 1}</conditionExpression>
          </sequenceFlow>
          <sequenceFlow id="other" sourceRef="calc" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    /// start → a user task with an asynchronous continuation before it (no job executor runs in the tests, so the
    /// instance stays waiting before the task).
    static let asynchronous = definitions(
        """
        <process id="later" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="task"/>
          <userTask id="task" name="Task" camunda:asyncBefore="true"/>
          <sequenceFlow id="b" sourceRef="task" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    /// start → end: ends at once.
    static let straight = definitions(
        """
        <process id="straight" name="Straight" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="g0" sourceRef="s" targetRef="e"/><endEvent id="e"/>
        </process>
        """)

    /// A sequence flow to an element that does not exist: refused by validation.
    static let invalid = definitions(
        """
        <process id="broken" isExecutable="true">
          <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="nowhere"/><endEvent id="e"/>
        </process>
        """)

    /// A multipart/form-data body: text fields, then files `(part name, filename or nil, content)`.
    static func multipart(
        fields: [(String, String)] = [], files: [(String, String?, String)], boundary: String = "BatonBoundary42"
    ) -> (body: String, headers: HTTPFields) {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, filename, content) in files {
            let file = filename.map { "; filename=\"\($0)\"" } ?? ""
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\(file)\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\(content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return (body, [.contentType: "multipart/form-data; boundary=\(boundary)"])
    }
}

extension RESTClient {
    /// `POST /deployment/create` with a multipart body.
    func deploy(
        fields: [(String, String)] = [], files: [(String, String?, String)], as user: String = "ana"
    ) async throws -> RESTResponse {
        let form = DeployFixtures.multipart(fields: fields, files: files)
        return try await request(.post, "/deployment/create", as: user, body: form.body, headers: form.headers)
    }

    /// Deploys one BPMN file and returns the response (expected 200).
    func deployModel(_ xml: String, name: String = "test", file: String = "model.bpmn") async throws -> RESTResponse {
        try await deploy(fields: [("deployment-name", name)], files: [("data", file, xml)])
    }
}
