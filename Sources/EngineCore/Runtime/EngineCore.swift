import Expressions

/// The pure token-flow interpreter: `step(state, command, context) -> (state, events, effects)`.
///
/// It never reads a clock, makes ids from outside, touches a database or the network: the same process, state,
/// command and context always give the same result.
public enum EngineCore {
    /// Applies one command to an instance.
    public static func step(
        _ process: ExecutableProcess, _ state: InstanceState, _ command: Command, _ context: StepContext
    ) -> Result<StepResult, CommandRejection> {
        var interpreter = Interpreter(process: process, state: state, context: context)
        do {
            try interpreter.handle(command)
        } catch {
            return .failure(error)
        }
        interpreter.run()
        return .success(
            StepResult(state: interpreter.state, events: interpreter.events, effects: interpreter.effects))
    }

    /// Rebuilds a state from events alone.
    public static func replay(_ events: some Sequence<InstanceEvent>, in process: ExecutableProcess) -> InstanceState {
        var state = InstanceState()
        for event in events { state.apply(event, in: process) }
        return state
    }
}

/// What a step may know about the world: the time, and a limit on work without reaching a wait state.
public struct StepContext: Sendable, Hashable {
    /// The current time (timers are computed from it; `now()` returns it).
    public var now: DateTime
    /// The most element operations one step may run before it raises an incident (an endless loop in the model).
    public var stepLimit: Int

    /// Creates a context.
    public init(now: DateTime, stepLimit: Int = 100_000) {
        self.now = now
        self.stepLimit = stepLimit
    }
}

/// The outcome of a step: the new state, what happened, and what the runtime must do after committing.
public struct StepResult: Sendable, Hashable {
    /// The new state.
    public var state: InstanceState
    /// What happened, in order.
    public var events: [InstanceEvent]
    /// What the runtime must do after commit, in order.
    public var effects: [Effect]
}
