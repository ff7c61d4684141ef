namespace RemoteKit.Protocol;

/// <summary>The version of every layout in this folder, which peers compare in their handshake before any frame.</summary>
internal static class ProtocolVersion
{
    /// <summary>
    /// The version this build speaks; peers of another version are refused, with a message naming both. Any change to a
    /// layout (and so to the golden bytes that pin it) must raise it: a unit test ties the golden bytes to this number.
    /// </summary>
    /// <remarks>
    /// 2: error payloads start with an <see cref="ErrorKind"/> byte.
    /// 3: engines come back after being declared lost: an engine's first frame is an <see cref="EngineHelloMessage"/>, its
    /// welcome carries a token and the readmission grace, clients hear what became of engines that left
    /// (<see cref="EngineNoticeMessage"/>), and a task that killed engines fails with <see cref="ErrorKind.KilledEngines"/>.
    /// </remarks>
    public const ushort Current = 3;
}
