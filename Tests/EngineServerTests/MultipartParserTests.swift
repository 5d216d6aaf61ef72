import EngineRuntime
import Testing

@testable import EngineServer

@Suite struct MultipartParserTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func parsesTextAndFileParts() throws {
        let body =
            "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ninvoice\r\n"
            + "--xyz\r\ncontent-disposition: form-data; name=\"data\"; filename=\"a \\\"quoted\\\".bpmn\"\r\n"
            + "Content-Type: text/xml\r\n\r\n<x/>\r\nline2\r\n--xyz\r\n"
            + "Content-Disposition: form-data; name=empty; filename=e.txt\r\n\r\n\r\n--xyz--\r\nepilogue"
        let parts = try MultipartParser.parse(bytes(body), boundary: "xyz")
        #expect(parts.count == 3)
        #expect(parts[0].name == "deployment-name")
        #expect(parts[0].filename == nil)
        #expect(parts[0].text == "invoice")
        #expect(parts[1].name == "data")
        #expect(parts[1].filename == "a \"quoted\".bpmn")
        #expect(parts[1].contentType == "text/xml")
        #expect(parts[1].text == "<x/>\r\nline2")
        #expect(parts[2].filename == "e.txt")
        #expect(parts[2].content.isEmpty)
    }

    @Test func readsTheBoundaryFromTheContentType() throws {
        #expect(try MultipartParser.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(
            try MultipartParser.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"")
                == "a b;c")
        for bad in [
            nil, "", "application/json", "multipart/form-data", "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"open",
        ] {
            #expect(throws: RESTError.self) { try MultipartParser.boundary(contentType: bad) }
        }
    }

    @Test func refusesMalformedBodiesWithAClearMessage() throws {
        let cases: [(String, String)] = [
            ("no boundary at all", "does not contain the boundary"),
            ("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue", "is not closed"),
            ("--b\nContent-Disposition: form-data; name=\"x\"\n\nvalue\n--b--", "must end in CRLF"),
            ("--b\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--b--", "no Content-Disposition"),
            ("--b\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--b--", "has no name"),
            ("--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nvalue\r\n--b--", "must be form-data"),
            ("--b\r\nContent-Disposition: form-data; name=\"x\r\n\r\nvalue\r\n--b--", "is not closed"),
            (
                "--b\r\nContent-Disposition: form-data; name=\"x\"\r\nbroken header\r\n\r\nv\r\n--b--",
                "malformed header"
            ),
            ("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--b", "close delimiter"),
            ("--b\r\nContent-Disposition: form-data; name=\"x\"", "do not end in an empty line"),
        ]
        for (body, message) in cases {
            do {
                _ = try MultipartParser.parse(bytes(body), boundary: "b")
                Issue.record("accepted: \(body)")
            } catch {
                #expect(error.status == .badRequest)
                #expect(error.message.contains(message), "\(error.message) should contain \(message)")
            }
        }
    }

    @Test func deploymentFormReadsReservedFieldsAndResources() throws {
        func part(_ name: String, _ text: String) -> MultipartPart {
            MultipartPart(name: name, filename: nil, contentType: nil, content: Array(text.utf8))
        }
        func part(_ name: String, _ filename: String?, _ text: String) -> MultipartPart {
            MultipartPart(name: name, filename: filename, contentType: nil, content: Array(text.utf8))
        }
        let form = try DeploymentForm(parts: [
            part("deployment-name", "n"), part("enable-duplicate-filtering", "True"),
            part("deploy-changed-only", "FALSE"), part("resource-0", "resource-0", "<definitions/>"),
        ])
        #expect(form.name == "n")
        #expect(form.filter == .all)
        #expect(form.resources.map(\.name) == ["resource-0"])
        let changed = try DeploymentForm(parts: [
            part("enable-duplicate-filtering", "true"), part("deploy-changed-only", "true"), part("a", "a.bpmn", ""),
        ])
        #expect(changed.filter == .changedOnly)

        let failures: [([MultipartPart], String)] = [
            ([part("deployment-name", "n")], "No deployment resources contained in the form upload."),
            ([part("data", nil, "<x/>")], "is not a file"),
            ([part("enable-duplicate-filtering", "yes"), part("a", "a.bpmn", "")], "must be true or false"),
            ([part("tenant-id", "t1"), part("a", "a.bpmn", "")], "no tenants"),
            ([part("a", "a.bpmn", ""), part("b", "a.bpmn", "")], "more than once"),
            ([part("deployment-name", "x"), part("deployment-name", "y"), part("a", "a.bpmn", "")], "more than once"),
            ([part("deployment-activation-time", "tomorrow"), part("a", "a.bpmn", "")], "deployment-activation-time"),
        ]
        for (parts, message) in failures {
            do {
                _ = try DeploymentForm(parts: parts)
                Issue.record("accepted: \(parts.map(\.name))")
            } catch {
                #expect(error.status == .badRequest)
                #expect(error.message.contains(message), "\(error.message) should contain \(message)")
            }
        }
    }

    @Test func bpmnIsRecognisedBySuffixOrXMLRoot() {
        let bpmn = Array(DeployFixtures.straight.utf8)
        #expect(DeploymentResource(name: "resource-0", content: bpmn).isBPMN)
        #expect(DeploymentResource(name: "x.bpmn20.xml", content: []).isBPMN)
        #expect(DeploymentResource(name: "x.bpmn", content: []).isBPMN)
        let text =
            "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c --><bpmn:definitions "
            + "xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>"
        let prefixed = Array(text.utf8)
        #expect(DeploymentResource(name: "raw", content: prefixed).isBPMN)
        #expect(!DeploymentResource(name: "form.xml", content: Array("<form xmlns=\"x\"/>".utf8)).isBPMN)
        #expect(!DeploymentResource(name: "notes.txt", content: Array("definitions".utf8)).isBPMN)
    }
}
