extension HTTPConnector {
    /// How the connector calls hosts.
    public struct Configuration: Sendable {
        /// The longest one call may take, from sending the request to the last byte of the response body.
        public var timeout: Duration
        /// Consecutive failures that open a host's circuit.
        public var failureThreshold: Int
        /// How long an open circuit fails calls fast before it lets a trial call through.
        public var coolDown: Duration
        /// The largest response body read; a larger one is a permanent failure.
        public var maximumResponseBytes: Int
        /// Where `{{secret:NAME}}` references are resolved.
        public var secrets: SecretResolver

        /// A configuration; the defaults are a 30 s timeout, a breaker that opens after 5 consecutive failures for
        /// 30 s, a 10 MiB body limit and secrets from the process environment (`SecretResolver.standard()`).
        public init(
            timeout: Duration = .seconds(30), failureThreshold: Int = 5, coolDown: Duration = .seconds(30),
            maximumResponseBytes: Int = 10 * 1024 * 1024, secrets: SecretResolver = .standard()
        ) {
            self.timeout = timeout
            self.failureThreshold = failureThreshold
            self.coolDown = coolDown
            self.maximumResponseBytes = maximumResponseBytes
            self.secrets = secrets
        }
    }
}
