@testable import PostgresClient
import Testing

@Suite struct PoolStateMachineTests {
    final class Connection {}

    @Test func opensUpToTheBoundThenQueuesInOrder() {
        var machine = PoolStateMachine<Connection, String>(maximumConnections: 2)
        #expect(isOpen(machine.acquire(id: 1, waiter: "a")))
        #expect(isOpen(machine.acquire(id: 2, waiter: "b")))
        #expect(isWait(machine.acquire(id: 3, waiter: "c")))
        #expect(isWait(machine.acquire(id: 4, waiter: "d")))
        #expect(machine.open == 2)
        let returned = Connection()
        guard case .resume(let waiter, .reuse(let handed), nil) = machine.release(returned, reusable: true) else {
            Issue.record("the first waiter should get the returned connection")
            return
        }
        #expect(waiter == "c" && handed === returned)
        guard case .resume(let next, .open, let closed?) = machine.release(Connection(), reusable: false) else {
            Issue.record("a discarded connection frees a slot for the next waiter")
            return
        }
        #expect(next == "d")
        #expect(closed !== returned)
        #expect(machine.open == 2)
    }

    @Test func idleConnectionsAreReusedAndFailedOpensFreeTheirSlot() {
        var machine = PoolStateMachine<Connection, String>(maximumConnections: 1)
        #expect(isOpen(machine.acquire(id: 1, waiter: "a")))
        _ = machine.slotReleased()
        #expect(machine.open == 0)
        #expect(isOpen(machine.acquire(id: 2, waiter: "b")))
        let connection = Connection()
        guard case .none(nil) = machine.release(connection, reusable: true) else {
            Issue.record("no waiter: the connection goes idle")
            return
        }
        guard case .proceed(.reuse(let reused)) = machine.acquire(id: 3, waiter: "c") else {
            Issue.record("the idle connection should be reused")
            return
        }
        #expect(reused === connection)
    }

    @Test func timedOutWaiterIsRemovedAndShutdownFailsTheRest() {
        var machine = PoolStateMachine<Connection, String>(maximumConnections: 1)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")
        _ = machine.acquire(id: 3, waiter: "c")
        #expect(machine.removeWaiter(id: 2) == "b")
        #expect(machine.removeWaiter(id: 2) == nil)
        let (waiters, idle) = machine.shutdown()
        #expect(waiters == ["c"])
        #expect(idle.isEmpty)
        guard case .fail = machine.acquire(id: 4, waiter: "d") else {
            Issue.record("a shut-down pool refuses")
            return
        }
    }

    private func isOpen(_ action: PoolStateMachine<Connection, String>.AcquireAction) -> Bool {
        if case .proceed(.open) = action { return true }
        return false
    }

    private func isWait(_ action: PoolStateMachine<Connection, String>.AcquireAction) -> Bool {
        if case .wait = action { return true }
        return false
    }
}
