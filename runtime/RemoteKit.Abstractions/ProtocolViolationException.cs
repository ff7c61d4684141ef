namespace RemoteKit;

/// <summary>The peer broke the protocol: an unknown message kind, or a message that does not parse.</summary>
internal sealed class ProtocolViolationException(string message) : Exception(message)
{
}
